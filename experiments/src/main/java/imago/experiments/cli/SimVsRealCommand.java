package imago.experiments.cli;

import imago.experiments.run.ExecutorBackend;
import imago.experiments.simvsreal.IncompleteRealRuns;
import imago.experiments.simvsreal.QuickSelection;
import imago.experiments.simvsreal.SimVsReal;
import imago.experiments.study.ExperimentRuns;
import imago.model.config.ExperimentLoader;
import imago.model.experiment.Experiment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "sim-vs-real", description = {
        "Run an experiment's plans for real on the executor, calibrate the simulator from the real step and request logs,",
        "simulate the same plans, and compare them (targets: availability within 1 point, unavailable seconds within 20%% or 1 s,",
        "races and production p99 latency within 20%% or the real runs' 95%% CI, faults' fates agreeing in 90%% of runs).",
        "Writes OUT/real/, OUT/sim/, OUT/sim-configured/, calibration.csv, comparison.csv, charts/ and report.md/html.",
        "--from-real DIR redoes the calibration and comparison from the real runs saved by an earlier run (its OUT/real/<experiment>)."})
final class SimVsRealCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "CONFIG",
            description = "The experiment YAML file (default: experiments/configs/paper/sim-vs-real.yaml of this project).")
    Path config;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "results/sim-vs-real", description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--replications", paramLabel = "N", description = "Real runs per scenario (default: the config's).")
    Integer replications;

    @Option(names = "--sim-replications", paramLabel = "N", defaultValue = "30", description = "Simulated runs per scenario (default: ${DEFAULT-VALUE}).")
    int simReplications;

    @Option(names = "--quick", description = "A smoke run: the fault-free scenarios and one per fault type, one real run each on the small"
            + " data set (2k users, 5k items, 20k bids), 10 simulated.")
    boolean quick;

    @Option(names = "--from-real", paramLabel = "DIR", description = "Do not run anything real: calibrate and compare from the real runs"
            + " an earlier sim-vs-real saved in DIR (its OUT/real/<experiment>, or that OUT).")
    Path fromReal;

    @Option(names = "--scenario", paramLabel = "NAME", description = "Only this scenario.")
    String scenario;

    @picocli.CommandLine.Mixin
    LimitOptions limits = new LimitOptions();

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (config == null) {
            config = ProjectHome.get().resolve("experiments/configs/paper/sim-vs-real.yaml");
        }
        Experiment loaded = ExperimentLoader.load(config);
        if (fromReal != null) {
            return compareSaved(loaded);
        }
        int reps = quick ? 1 : replications == null ? loaded.replications() : replications;
        if (reps < 1) {
            throw new BadInputException("--replications: must be >= 1 (was " + replications + ")");
        }
        int simReps = quick ? 10 : simReplications;
        if (simReps < 2) {
            throw new BadInputException("--sim-replications: must be >= 2 for a confidence interval (was " + simReplications + ")");
        }
        List<imago.model.experiment.Scenario> scenarios = quick && scenario == null ? QuickSelection.of(loaded)
                : Scenarios.select(loaded, scenario);
        Experiment chosen = loaded.withRun(scenarios, reps, loaded.seed(), "executor");
        Experiment e = quick ? chosen.withExecutor(chosen.executor().withData(2_000, 5_000, 20_000)) : chosen;
        limits.check(config, e);
        PrintWriter err = spec.commandLine().getErr();
        ExecutorBackend executor = (ExecutorBackend) Backends.named("executor", e, out.resolve("real").resolve(e.name()), line -> {
            err.println(line);
            err.flush();
        });
        OutputDir.prepare(OutputDir.option(out));
        List<ProgressDisplay> displays = new ArrayList<>();
        try {
            return print(SimVsReal.run(config, e, simReps, out, executor, settings(e, executor, err, displays)));
        } finally {
            displays.forEach(ProgressDisplay::close);
        }
    }

    /** --from-real: the simulator only, calibrated from the saved real runs. */
    private int compareSaved(Experiment loaded) throws IOException {
        if (replications != null || scenario != null) {
            throw new BadInputException("--from-real: the real runs are read from " + fromReal
                    + ", so --replications and --scenario do not apply");
        }
        int simReps = quick ? 10 : simReplications;
        if (simReps < 2) {
            throw new BadInputException("--sim-replications: must be >= 2 for a confidence interval (was " + simReplications + ")");
        }
        Path dir = Files.isDirectory(fromReal.resolve("real").resolve(loaded.name())) ? fromReal.resolve("real").resolve(loaded.name()) : fromReal;
        if (!Files.isDirectory(dir)) {
            throw new BadInputException(fromReal + ": --from-real: no such folder");
        }
        List<ProgressDisplay> displays = new ArrayList<>();
        // The saved runs are checked before anything is written; a refusal leaves no folder behind.
        try {
            return print(OutputDir.writeInto(OutputDir.option(out), () -> SimVsReal.fromReal(config, loaded, dir, simReps, out,
                    settings(loaded, null, spec.commandLine().getErr(), displays))));
        } catch (IncompleteRealRuns x) {
            throw new BadInputException(x.getMessage());
        } finally {
            displays.forEach(ProgressDisplay::close);
        }
    }

    /** Real runs go one at a time; simulated ones use every core. */
    private static java.util.function.Function<imago.experiments.run.Backend, ExperimentRuns.Settings> settings(
            Experiment e, ExecutorBackend executor, PrintWriter err, List<ProgressDisplay> displays) {
        return backend -> {
            ProgressDisplay p = ProgressDisplay.create(err, backend == executor ? e.name() + " (real)" : e.name() + " (simulated)");
            displays.add(p);
            return new ExperimentRuns.Settings(backend, imago.faultmodel.FaultModelPipeline::defaultModel,
                    backend == executor ? 1 : Runtime.getRuntime().availableProcessors(), Optional.empty(), p,
                    ImagoCli.version(), ProjectHome.get(), true);
        };
    }

    private int print(SimVsReal.Result r) {
        PrintWriter o = spec.commandLine().getOut();
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[]{"scenario", "metric", "real", "simulated", "gap", "target"});
        for (SimVsReal.Row row : r.rows()) {
            if (row.withinTarget().isPresent() || row.metric().equals("upgrade_duration_s")) {
                // A fate row's "simulated" is the share of run pairs that agree.
                rows.add(new String[]{row.scenario(), row.metric(), fmt(row.real().mean()), fmt(row.sim().mean()),
                        fmt(row.gap()), row.withinTarget().map(b -> b ? "met" : row.withinTargetOrRealCi().orElse(false)
                                ? "missed (inside real CI)" : "missed").orElse("")});
            }
        }
        Tables.print(o, rows);
        o.printf("%n%d of %d targets met (%d met or inside the real runs' 95%% CI). Report: %s (%.0f s)%n",
                r.targets() - r.missed().size(), r.targets(), r.metOrInsideRealCi(), r.report().html(), r.wallSeconds());
        o.flush();
        return 0;
    }

    private static String fmt(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4g", v) : "";
    }
}
