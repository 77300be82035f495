package imago.experiments.cli;

import imago.model.config.ExperimentLoader;
import imago.model.experiment.Experiment;
import imago.model.plan.PlanCompiler;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "validate", description = "Check an experiment config and say what it holds.")
final class ValidateCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "CONFIG", description = "The experiment YAML file.")
    Path config;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Experiment e = ExperimentLoader.load(config);
        PlanCompiler compiler = new PlanCompiler(e.topology(), e.workload(), e.upgrade());
        e.scenarios().forEach(s -> compiler.compile(s.name(), s.strategy()));
        spec.commandLine().getOut().printf("%s: valid: experiment '%s', %d tiers, %d nodes, %d scenarios (%s), %d replications, seed %d%n",
                config, e.name(), e.topology().tiers().size(), e.topology().nodeCount(), e.scenarios().size(),
                String.join(", ", e.scenarios().stream().map(s -> s.name()).toList()), e.replications(), e.seed());
        return 0;
    }
}
