package imago.experiments.cli;

import imago.experiments.run.Shard;
import imago.experiments.stats.Summary;
import imago.experiments.study.ExperimentReport;
import imago.experiments.study.ExperimentRuns;
import imago.model.config.ExperimentLoader;
import imago.model.experiment.Experiment;
import imago.model.experiment.Scenario;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "run", description = {
        "Run an experiment: every scenario (at every sweep point) for its replications.",
        "Writes OUT/<experiment>/results.csv, summary.csv, outcomes.csv, differences.csv, timeline.csv.gz and run.json; an interrupted run resumes when run again.",
        "With --backend executor the plans run for real, one run at a time, and each run's request and step logs go to OUT/<experiment>/runs/."})
final class RunCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "CONFIG", description = "The experiment YAML file.")
    Path config;

    @Option(names = "--scenario", paramLabel = "NAME", description = "Only this scenario.")
    String scenario;

    @Option(names = "--replications", paramLabel = "N", description = "Replications per scenario (default: the config's).")
    Integer replications;

    @Option(names = "--seed", paramLabel = "S", description = "Seed (default: the config's).")
    Long seed;

    @Option(names = "--threads", paramLabel = "T", description = "Worker threads (default: all cores).")
    Integer threads;

    @Option(names = "--backend", paramLabel = "NAME", description = "sim or executor (default: the config's, else sim).")
    String backend;

    @Option(names = "--shard", paramLabel = "i/N", description = "Run only slice i of N of all (scenario, replication) pairs; combine with 'imago merge'.")
    String shard;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Output folder; results go to DIR/<experiment>/.")
    Path out;

    @picocli.CommandLine.Mixin
    LimitOptions limits = new LimitOptions();

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Preload.tablesInBackground();
        Experiment loaded = ExperimentLoader.load(config);
        if (replications != null && replications < 1) {
            throw new BadInputException("--replications: must be >= 1 (was " + replications + ")");
        }
        int nThreads = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (nThreads < 1) {
            throw new BadInputException("--threads: must be >= 1 (was " + threads + ")");
        }
        Optional<Shard> slice = Optional.empty();
        if (shard != null) {
            try {
                slice = Optional.of(Shard.parse(shard));
            } catch (IllegalArgumentException e) {
                throw new BadInputException("--shard: " + e.getMessage());
            }
            if (loaded.precision().isPresent()) {
                throw new BadInputException("--shard: " + config + " has a precision target, which needs all results in one run");
            }
        }
        List<Scenario> chosen = Scenarios.select(loaded, scenario);
        String backendName = backend != null ? backend : loaded.backend();
        Experiment e = loaded.withRun(chosen, replications == null ? loaded.replications() : replications,
                seed == null ? loaded.seed() : seed, backendName);
        limits.check(config, e);
        Path dir = OutputDir.option(out).resolve(e.name());
        PrintWriter o = spec.commandLine().getOut();
        var b = Backends.named(backendName, e, dir, line -> {
            o.println(line);
            o.flush();
        });
        if (backendName.equals("executor")) {
            nThreads = 1; // real runs share the machine's ports and cores: one at a time
        }
        int workers = nThreads;
        Optional<Shard> part = slice;
        ExperimentRuns.Done done = OutputDir.writeInto(dir, () -> {
            try (ProgressDisplay progress = ProgressDisplay.create(spec.commandLine().getErr(), e.name());
                 ResumeHint hint = new ResumeHint(spec.commandLine().getErr(), dir.resolve(".partial").toString())) {
                return ExperimentRuns.run(config, e, "scenario=" + scenario, out, new ExperimentRuns.Settings(b,
                        imago.faultmodel.FaultModelPipeline::defaultModel, workers, part, progress, ImagoCli.version(),
                        ProjectHome.get(), true));
            }
        });
        var result = done.outcome();
        String written = "results.csv, summary.csv, outcomes.csv, differences.csv, timeline.csv.gz, run.json"
                + (slice.isEmpty() ? ", charts/, report.md, report.html" : "")
                + (backendName.equals("executor") ? ", runs/<scenario>/rep-<r>/{requests.csv.gz, steps.csv}" : "");
        printSummary(o, done.report());
        o.printf("Wrote %s to %s (%d runs%s, %.1f s)%n", written, dir,
                result.results().size(), result.resumed() > 0 ? ", " + result.resumed() + " resumed from an earlier attempt" : "",
                result.wallSeconds());
        o.flush();
        return 0;
    }

    /**
     * The headline metrics per scenario, mean ± 95% CI half-width over the finished runs, with the
     * runs that did not finish counted apart (and named in a warning).
     */
    static void printSummary(PrintWriter o, ExperimentReport report) {
        Map<String, Map<String, Summary>> summaries = report.summaries();
        String[] metrics = {"availability", "unavailable_s", "planned_unavailable_s", "unplanned_unavailable_s",
                "upgrade_duration_s", "mixed_version_s", "races_error", "races_silent", "lost_writes",
                "faults_injected", "faults_reached_production", "resource_cost", "blast_radius", "time_to_detect_s"};
        List<String[]> rows = new ArrayList<>();
        String[] header = new String[metrics.length + 3];
        header[0] = "scenario";
        header[1] = "n";
        header[2] = "unfinished";
        System.arraycopy(metrics, 0, header, 3, metrics.length);
        rows.add(header);
        summaries.forEach((arm, byMetric) -> {
            String[] row = new String[metrics.length + 3];
            row[0] = arm;
            row[1] = Integer.toString(byMetric.get("availability").n());
            row[2] = Integer.toString(report.unfinished(arm));
            for (int i = 0; i < metrics.length; i++) {
                row[i + 3] = format(metrics[i], byMetric.get(metrics[i]));
            }
            rows.add(row);
        });
        Tables.print(o, rows);
        report.unfinishedWarning().ifPresent(w -> o.println("imago: " + w));
    }

    static String format(String metric, Summary s) {
        if (s.n() == 0) {
            return "n/a"; // no finished run to average, or none with a value (no detection)
        }
        String pattern = metric.equals("availability") ? "%.5f±%.5f" : "%.4g±%.2g";
        return String.format(Locale.ROOT, pattern, s.mean(), s.n() > 1 ? s.halfWidth() : 0.0);
    }
}
