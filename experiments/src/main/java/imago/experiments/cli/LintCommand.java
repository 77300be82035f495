package imago.experiments.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import imago.experiments.lint.Finding;
import imago.experiments.lint.Linter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "lint", description = {"Find upgrade hazards in an experiment config before anything runs.",
        "One line per finding, FILE:LINE:COL: warning|error: RULE: message (plan steps ...). Exit 0 when clean, 1 when"
                + " it found hazards, 2 for bad input. The rules are listed in the README."})
final class LintCommand implements Callable<Integer> {

    /** Exit code when lint found hazards. */
    static final int HAZARDS = 1;

    @Parameters(index = "0", paramLabel = "CONFIG", description = "The experiment YAML file.")
    Path config;

    @Option(names = "--scenario", paramLabel = "NAME", description = "Only this scenario.")
    String scenario;

    @Option(names = "--json", description = "Findings as a JSON array, for tools.")
    boolean json;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        List<Finding> findings;
        try {
            findings = Linter.lint(config, Optional.ofNullable(scenario));
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--scenario: " + e.getMessage());
        }
        PrintWriter o = spec.commandLine().getOut();
        if (json) {
            ObjectMapper m = new ObjectMapper();
            ArrayNode a = m.createArrayNode();
            for (Finding f : findings) {
                ObjectNode n = a.addObject();
                n.put("file", f.location().file());
                n.put("line", f.location().line());
                n.put("column", f.location().column());
                n.put("severity", f.severity().word());
                n.put("rule", f.rule());
                n.put("message", f.message());
                f.steps().forEach(n.putArray("steps")::add);
            }
            o.println(m.writerWithDefaultPrettyPrinter().writeValueAsString(a));
        } else {
            findings.forEach(f -> o.println(f.line()));
        }
        o.flush();
        return findings.isEmpty() ? 0 : HAZARDS;
    }
}
