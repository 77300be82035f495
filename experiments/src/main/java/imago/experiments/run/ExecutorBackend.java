package imago.experiments.run;

import imago.executor.Executor;
import imago.executor.ExecutorOptions;
import imago.executor.ExecutorRun;
import imago.model.experiment.Arm;
import imago.model.fault.FaultInjection;
import imago.model.fault.FaultModel;
import imago.model.metrics.RunResult;
import imago.model.plan.Plan;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.concurrent.CancellationException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The real executor as a backend. Each run leaves its raw logs in
 * {@code logs/<arm>/rep-<r>/} (requests.csv.gz, steps.csv). Runs take the whole machine (real
 * processes on real ports, real timing), so they go one at a time whatever the thread count.
 */
public final class ExecutorBackend implements Backend {

    private final Path logs;
    private final Consumer<String> notes;
    private final ReentrantLock oneAtATime = new ReentrantLock();

    /**
     * @param logs  where each run's request and step logs go
     * @param notes receives a line per run: which faults it injects
     */
    public ExecutorBackend(Path logs, Consumer<String> notes) {
        this.logs = logs;
        this.notes = notes;
    }

    @Override
    public RunResult run(Arm arm, Plan plan, FaultModel faults, int replication) {
        return runDetailed(arm, plan, faults, replication).result();
    }

    /** One run, with the paths of its logs. */
    public ExecutorRun runDetailed(Arm arm, Plan plan, FaultModel faults, int replication) {
        var e = arm.experiment();
        // The scenario's given faults land every run (the executor reads them from the scenario);
        // faults drawn from the model vary with the replication.
        FaultDraw.Drawn drawn = FaultDraw.draw(e, plan, faults, replication);
        LinkedHashSet<FaultInjection> all = new LinkedHashSet<>(arm.scenario().injected());
        all.addAll(drawn.injectable());
        if (!all.isEmpty() || !drawn.notInjectable().isEmpty()) {
            notes.accept(arm.label() + " #" + replication + ": injects " + all
                    + (drawn.notInjectable().isEmpty() ? "" : "; drawn but with no real mechanism: " + drawn.notInjectable()));
        }
        ExecutorOptions options = ExecutorOptions.defaults(logDir(arm.label(), replication)).with(e.executor())
                .withReplication(replication)
                .withFaults(drawn.injectable());
        oneAtATime.lock();
        try {
            return Executor.run(e, arm.scenario(), plan, options);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted; the executor released every process and port it started");
        } finally {
            oneAtATime.unlock();
        }
    }

    public Path logDir(String armLabel, int replication) {
        return logs.resolve(armLabel.replaceAll("[^A-Za-z0-9_.=-]+", "_")).resolve("rep-" + replication);
    }
}
