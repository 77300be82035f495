package imago.executor;

import imago.model.experiment.ExecutorSettings;
import imago.model.fault.FaultInjection;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * How to run one scenario for real.
 *
 * @param outDir          where the request and step logs are written (created if missing)
 * @param workRoot        where the run's temporary folder is made (deleted after the run);
 *                        the system temporary folder when empty
 * @param replication     replication index, from 0 (reported in the result; also varies the seed)
 * @param data            how much data to seed
 * @param database        the database server: H2 (bundled) or PostgreSQL (its binaries must be installed)
 * @param faults          real faults to inject besides the scenario's own ({@code Scenario.injected()})
 * @param timeScale       multiplies the plan's policy waits (rolling pauses and readiness delays,
 *                        runtime-test duration); real actions always take their real time
 * @param warmup          traffic sent before the window opens, so JIT warm-up is not measured
 * @param startTimeout    how long a started node may take to answer its health check
 * @param maxRun          a guard: a run whose plan has not ended after this long stops (timed out)
 * @param progress        receives events while the run goes on
 */
public record ExecutorOptions(Path outDir, Optional<Path> workRoot, int replication, DataSize data,
                              DatabaseKind database, List<FaultInjection> faults, double timeScale, Duration warmup,
                              Duration startTimeout, Duration maxRun,
                              Consumer<ExecutorEvent> progress) {

    public ExecutorOptions {
        faults = List.copyOf(faults);
        if (!(timeScale >= 0)) {
            throw new IllegalArgumentException("timeScale: must be >= 0 (was " + timeScale + ")");
        }
    }

    /** Defaults: standard data on H2, no faults, real time scale. */
    public static ExecutorOptions defaults(Path outDir) {
        return new ExecutorOptions(outDir, Optional.empty(), 0, DataSize.standard(), DatabaseKind.H2, List.of(), 1.0,
                Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofMinutes(10), e -> { });
    }

    public ExecutorOptions withData(DataSize d) {
        return new ExecutorOptions(outDir, workRoot, replication, d, database, faults, timeScale, warmup, startTimeout, maxRun, progress);
    }

    public ExecutorOptions withFaults(List<FaultInjection> f) {
        return new ExecutorOptions(outDir, workRoot, replication, data, database, f, timeScale, warmup, startTimeout, maxRun, progress);
    }

    public ExecutorOptions withWorkRoot(Path root) {
        return new ExecutorOptions(outDir, Optional.of(root), replication, data, database, faults, timeScale, warmup, startTimeout, maxRun, progress);
    }

    public ExecutorOptions withProgress(Consumer<ExecutorEvent> p) {
        return new ExecutorOptions(outDir, workRoot, replication, data, database, faults, timeScale, warmup, startTimeout, maxRun, p);
    }

    public ExecutorOptions withReplication(int r) {
        return new ExecutorOptions(outDir, workRoot, r, data, database, faults, timeScale, warmup, startTimeout, maxRun, progress);
    }

    public ExecutorOptions withTimeScale(double s) {
        return new ExecutorOptions(outDir, workRoot, replication, data, database, faults, s, warmup, startTimeout, maxRun, progress);
    }

    public ExecutorOptions withDatabase(DatabaseKind db) {
        return new ExecutorOptions(outDir, workRoot, replication, data, db, faults, timeScale, warmup, startTimeout, maxRun, progress);
    }

    public ExecutorOptions withWarmup(Duration w) {
        return new ExecutorOptions(outDir, workRoot, replication, data, database, faults, timeScale, w, startTimeout, maxRun, progress);
    }

    /** Applies an experiment's {@code executor:} section: data size, database server, time scale. */
    public ExecutorOptions with(ExecutorSettings s) {
        return withData(new DataSize(s.users(), s.items(), s.bids())).withDatabase(DatabaseKind.parse(s.database()))
                .withTimeScale(s.timeScale());
    }
}
