package imago.experiments.study;

import imago.experiments.run.Backend;
import imago.experiments.run.Campaign;
import imago.experiments.run.FaultModels;
import imago.experiments.run.RunLock;
import imago.experiments.run.RunManifest;
import imago.experiments.run.Shard;
import imago.model.experiment.Arm;
import imago.model.experiment.Experiment;
import imago.model.fault.FaultModel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;

/** Runs one experiment into {@code OUT/<experiment>/}: results, run.json, and (unsharded) charts and report. */
public final class ExperimentRuns {

    /** What one experiment run left behind. */
    public record Done(Experiment experiment, Campaign.Outcome outcome, RunManifest manifest, ExperimentReport report, Path dir) {
    }

    /**
     * Everything a run needs besides the experiment itself.
     *
     * @param inlineCharts whether report.html holds the charts (self-contained) or shows the files
     *                     in charts/ (a reproduction, whose top-level report holds them already)
     */
    public record Settings(Backend backend, Supplier<FaultModel> learned, int threads, Optional<Shard> shard,
                           Campaign.Listener listener, String imagoVersion, Path projectHome, boolean inlineCharts) {

        /** The same settings with another source of the learned fault model. */
        public Settings withLearned(Supplier<FaultModel> model) {
            return new Settings(backend, model, threads, shard, listener, imagoVersion, projectHome, inlineCharts);
        }
    }

    private ExperimentRuns() {
    }

    /**
     * @param config the file the experiment came from (its text goes into the report and the hash)
     * @param e      the experiment, possibly with command-line overrides applied
     * @param extra  what else identifies the run (overrides), hashed with the config
     */
    public static Done run(Path config, Experiment e, String extra, Path outRoot, Settings s) throws IOException {
        Path dir = outRoot.resolve(e.name());
        Files.createDirectories(dir);
        // One run per folder: two at once would mix their partial results and overwrite each other's files.
        try (RunLock ignored = RunLock.acquire(dir)) {
            return runLocked(config, e, extra, dir, s);
        }
    }

    private static Done runLocked(Path config, Experiment e, String extra, Path dir, Settings s) throws IOException {
        String configText = Files.readString(config);
        String hash = RunManifest.sha256((configText + "\n# " + extra + " replications=" + e.replications()
                + " seed=" + e.seed() + " backend=" + e.backend()).getBytes());
        FaultModels faults = new FaultModels(config.toAbsolutePath().getParent(), s.learned());
        Campaign.Outcome outcome = new Campaign(s.backend(), arm -> faults.resolve(arm.scenario().faults()))
                .run(e, hash, dir, new Campaign.Options(s.threads(), s.shard(), s.listener()));
        RunManifest manifest = new RunManifest(s.imagoVersion(), RunManifest.gitCommit(s.projectHome()), config.toString(),
                hash, e.name(), e.seed(), e.replications(), outcome.arms().stream().map(Arm::label).toList(),
                s.shard().map(Shard::toString).orElse("all"), e.backend(), s.threads(), RunManifest.currentJvm(),
                RunManifest.currentMachine(), outcome.wallSeconds(), java.time.Instant.now().toString());
        manifest.write(dir);
        ExperimentReport report = new ExperimentReport(e, outcome.arms(), outcome.results());
        // A shard's charts would show a slice of the replications as if it were the whole.
        if (s.shard().isEmpty()) {
            report.write(dir, configText, manifest, s.inlineCharts());
        }
        return new Done(e, outcome, manifest, report, dir);
    }
}
