package imago.experiments.run;

import imago.experiments.stats.Summary;
import imago.model.experiment.Arm;
import imago.model.experiment.Experiment;
import imago.model.experiment.Precision;
import imago.model.fault.FaultModel;
import imago.model.metrics.RunResult;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Runs one experiment end to end: expands its arms, runs their replications (resuming finished
 * ones), adds replications for a precision target, and writes the result files atomically.
 */
public final class Campaign {

    /** Progress of a campaign, for a progress bar or log lines. */
    public interface Listener {
        void progress(int done, int total);
    }

    public record Options(int threads, Optional<Shard> shard, Listener listener) {
    }

    /** What a campaign produced. */
    public record Outcome(List<Arm> arms, List<RunResult> results, int resumed, Path outDir, double wallSeconds) {
    }

    private final Backend backend;
    private final Function<Arm, FaultModel> faults;

    public Campaign(Backend backend, Function<Arm, FaultModel> faults) {
        this.backend = backend;
        this.faults = faults;
    }

    public Outcome run(Experiment e, String configSha256, Path outDir, Options options) throws IOException {
        long start = System.nanoTime();
        if (options.shard().isPresent() && e.precision().isPresent()) {
            throw new IllegalArgumentException("a precision target decides replications from all results, so it cannot run in shards");
        }
        List<Arm> arms = Arm.expand(e);
        PartialStore store = PartialStore.open(outDir, new PartialStore.Identity(configSha256, e.seed(),
                options.shard().map(Shard::toString).orElse("all"), e.backend()));
        Map<String, RunResult> done = store.load();
        int resumed = done.size();
        ExperimentRunner runner = new ExperimentRunner(backend, faults, options.threads());

        int replications = e.replications();
        List<Task> all = new ArrayList<>(ExperimentRunner.tasks(arms.size(), 0, replications));
        List<Task> mine = options.shard().map(s -> s.slice(all)).orElse(all);
        List<RunResult> results = runTasks(runner, arms, mine, done, store, options.listener(), mine.size());

        // Precision target: add replications in batches until every target metric is precise enough.
        if (e.precision().isPresent()) {
            Precision p = e.precision().get();
            while (replications < p.maxReplications() && !precise(arms, results, p)) {
                int next = Math.min(p.maxReplications(), replications * 2);
                List<Task> more = ExperimentRunner.tasks(arms.size(), replications, next);
                results.addAll(runTasks(runner, arms, more, done, store, options.listener(), more.size()));
                replications = next;
            }
        }
        List<String> order = arms.stream().map(Arm::label).toList();
        results.sort(Comparator.<RunResult>comparingInt(r -> order.indexOf(r.scenario())).thenComparingInt(RunResult::replication));
        ResultFiles.writeAll(results, outDir);
        store.delete();
        return new Outcome(arms, results, resumed, outDir, (System.nanoTime() - start) / 1e9);
    }

    private static List<RunResult> runTasks(ExperimentRunner runner, List<Arm> arms, List<Task> tasks,
                                            Map<String, RunResult> done, PartialStore store, Listener listener, int total) {
        List<RunResult> have = new ArrayList<>();
        List<Task> todo = new ArrayList<>();
        for (Task t : tasks) {
            RunResult r = done.get(PartialStore.key(arms.get(t.arm()).label(), t.replication()));
            if (r != null) {
                have.add(r);
            } else {
                todo.add(t);
            }
        }
        AtomicInteger finished = new AtomicInteger(have.size());
        listener.progress(finished.get(), total);
        have.addAll(runner.run(arms, todo, r -> {
            store.save(r);
            listener.progress(finished.incrementAndGet(), total);
        }));
        return have;
    }

    /**
     * Whether every arm's target metrics have a 95% CI half-width within the relative target,
     * over finished runs as in summary.csv.
     */
    static boolean precise(List<Arm> arms, List<RunResult> results, Precision p) {
        for (Arm a : arms) {
            for (String metric : p.metrics()) {
                RunResult.Metric m = RunResult.METRICS.stream().filter(x -> x.name().equals(metric)).findFirst().orElseThrow();
                double[] v = results.stream().filter(r -> r.scenario().equals(a.label()) && r.outcome().finished())
                        .mapToDouble(m.value()).toArray();
                Summary s = Summary.of(v);
                if (s.n() < 2) {
                    return false;
                }
                double mean = Math.abs(s.mean());
                if (mean == 0 ? s.halfWidth() > 0 : s.halfWidth() > p.relative() * mean) {
                    return false;
                }
            }
        }
        return true;
    }
}
