package imago.experiments.cli;

import imago.experiments.advise.Advice;
import imago.experiments.advise.Candidates;
import imago.experiments.advise.Requirement;
import imago.experiments.advise.Selection;
import imago.experiments.run.ExperimentRunner;
import imago.experiments.run.FaultModels;
import imago.experiments.run.SimBackend;
import imago.experiments.run.Task;
import imago.model.config.ExperimentLoader;
import imago.model.experiment.Arm;
import imago.model.experiment.Experiment;
import imago.model.metrics.RunResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "advise", description = {"Find the cheapest upgrade plan that meets requirements, with the simulator.",
        "Searches the config's scenarios at every point of a knob grid (the config's advise.grid, else a default grid) by"
                + " sequential elimination with paired comparisons under common random numbers.",
        "Prints 'recommended: <candidate>' and writes advice.csv, advice.md, advice.html and charts/pareto.*; exit 3 when no"
                + " candidate meets the requirements."})
final class AdviseCommand implements Callable<Integer> {

    /** Exit code when no candidate meets the requirements. */
    static final int NONE_MEETS = 3;

    @Parameters(index = "0", paramLabel = "CONFIG", description = "The experiment YAML file.")
    Path config;

    @Option(names = "--require", paramLabel = "EXPR", required = true, arity = "1..*",
            description = "Requirements such as availability>=0.999 or races_error+races_silent<=0 (metrics of results.csv).")
    List<String> require;

    @Option(names = "--minimize", paramLabel = "METRIC", defaultValue = "resource_cost",
            description = "Among candidates that meet the requirements, the lowest of this metric (default: ${DEFAULT-VALUE}).")
    String minimize;

    @Option(names = "--confidence", paramLabel = "P", defaultValue = "0.95", description = "Confidence of every statement (default: ${DEFAULT-VALUE}).")
    double confidence;

    @Option(names = "--initial", paramLabel = "N", description = "Replications of the first stage and added per stage (default: advise.initial, else 5).")
    Integer initial;

    @Option(names = "--max-replications", paramLabel = "N", description = "Replications at most per candidate (default: advise.maxReplications, else 40).")
    Integer max;

    @Option(names = "--indifference", paramLabel = "X", description = "Differences of the minimised metric below this are indifferent (default: 1%% of the best mean).")
    Double indifference;

    @Option(names = "--threads", paramLabel = "T", description = "Worker threads (default: all cores).")
    Integer threads;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "advice", description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        List<Requirement> requirements = new ArrayList<>();
        for (String r : require) {
            try {
                requirements.add(Requirement.parse(r));
            } catch (IllegalArgumentException e) {
                throw new BadInputException("--require " + e.getMessage());
            }
        }
        try {
            Requirement.checkConsistent(requirements);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--require: " + e.getMessage());
        }
        if (!Requirement.known().contains(minimize)) {
            throw new BadInputException("--minimize: unknown metric '" + minimize + "' (expected one of " + String.join(", ", Requirement.known()) + ")");
        }
        Experiment e = ExperimentLoader.load(config);
        int n0 = initial != null ? initial : e.advise().initial().orElse(5);
        int nMax = max != null ? max : e.advise().maxReplications().orElse(Math.max(40, n0));
        Selection.Settings settings;
        try {
            settings = new Selection.Settings(confidence, n0, nMax, Optional.ofNullable(indifference));
        } catch (IllegalArgumentException x) {
            throw new BadInputException("--confidence/--initial/--max-replications: " + x.getMessage());
        }
        if (indifference != null && !(indifference >= 0)) {
            throw new BadInputException("--indifference: must be >= 0 (was " + indifference + ")");
        }
        int nThreads = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (nThreads < 1) {
            throw new BadInputException("--threads: must be >= 1 (was " + threads + ")");
        }
        List<Arm> arms = Candidates.of(e);
        if (arms.isEmpty()) {
            throw new BadInputException(config + ": the search space is empty (no scenario)");
        }
        Path dir = OutputDir.option(out);
        if (java.nio.file.Files.exists(dir) && !java.nio.file.Files.isDirectory(dir)) {
            throw new BadInputException(dir + ": --out must be a folder, and this is a file"); // before the search, not after
        }
        FaultModels faults = new FaultModels(config.toAbsolutePath().getParent(), imago.faultmodel.FaultModelPipeline::defaultModel);
        ExperimentRunner runner = new ExperimentRunner(new SimBackend(), a -> faults.resolve(a.scenario().faults()), nThreads);
        PrintWriter o = spec.commandLine().getOut();
        long start = System.nanoTime();
        Selection.Outcome outcome = new Selection(requirements, minimize, settings).run(arms.size(), (chosen, from, to) -> {
            List<Arm> subset = chosen.stream().map(arms::get).toList();
            List<Task> tasks = ExperimentRunner.tasks(subset.size(), from, to);
            List<RunResult> flat = runner.run(subset, tasks, r -> { });
            List<List<RunResult>> byCandidate = new ArrayList<>();
            int per = to - from;
            for (int k = 0; k < subset.size(); k++) {
                byCandidate.add(flat.subList(k * per, (k + 1) * per));
            }
            spec.commandLine().getErr().printf("imago: advise: replications %d-%d of %d candidates%n", from + 1, to, subset.size());
            return byCandidate;
        });
        Advice advice = new Advice(requirements, minimize, confidence, arms, outcome);
        Map<String, String> provenance = new LinkedHashMap<>();
        provenance.put("config", config.toString());
        provenance.put("seed", Long.toString(e.seed()));
        provenance.put("JVM", imago.experiments.run.RunManifest.currentJvm());
        provenance.put("wall time", String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - start) / 1e9));
        OutputDir.writeInto(dir, () -> advice.write(dir, provenance));
        if (advice.recommended().isPresent()) {
            o.println(advice.recommendationLine());
            Arm best = advice.recommended().get();
            int index = e.scenarios().stream().map(s -> s.name()).toList().indexOf(best.scenario().name());
            for (imago.experiments.lint.Finding f : imago.experiments.lint.Linter.lint(config, best.experiment(),
                    List.of(best.scenario()), List.of(index))) {
                o.println("  lint: " + f.line());
            }
        } else {
            o.println("no candidate meets the requirements: " + advice.closestMiss());
        }
        o.printf(Locale.ROOT, "%d candidates, %d replications spent (the whole grid to the same precision: %d); %s%n",
                arms.size(), outcome.spent(), outcome.fullGrid(), outcome.stop());
        o.println("Wrote advice.csv, advice.md, advice.html, charts/pareto.* to " + dir);
        o.flush();
        return advice.recommended().isPresent() ? 0 : NONE_MEETS;
    }
}
