package imago.experiments.run;

import imago.model.experiment.Arm;
import imago.model.fault.FaultModel;
import imago.model.metrics.RunResult;
import imago.model.plan.Plan;
import imago.model.plan.PlanCompiler;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs tasks (an arm's replication each) on a thread pool. Results come back in task order
 * whatever the thread count: each replication is a pure function of its inputs, and every arm
 * shares the experiment's seed, so arms are compared with common random numbers.
 */
public final class ExperimentRunner {

    private final Backend backend;
    private final Function<Arm, FaultModel> faults;
    private final int threads;

    public ExperimentRunner(Backend backend, Function<Arm, FaultModel> faults, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1");
        }
        this.backend = backend;
        this.faults = faults;
        this.threads = threads;
    }

    /** Every (arm, replication) pair for replications {@code from} (inclusive) to {@code to}, arm-major. */
    public static List<Task> tasks(int arms, int from, int to) {
        List<Task> tasks = new ArrayList<>();
        for (int a = 0; a < arms; a++) {
            for (int r = from; r < to; r++) {
                tasks.add(new Task(a, r));
            }
        }
        return tasks;
    }

    /**
     * Runs the tasks; {@code onDone} is called (from worker threads) as each finishes, which is
     * where partial results are saved, so an interrupted run keeps what it finished.
     */
    public List<RunResult> run(List<Arm> arms, List<Task> tasks, Consumer<RunResult> onDone) {
        List<Plan> plans = new ArrayList<>();
        List<FaultModel> models = new ArrayList<>();
        for (Arm a : arms) {
            var e = a.experiment();
            plans.add(new PlanCompiler(e.topology(), e.workload(), e.upgrade()).compile(a.scenario().name(), a.scenario().strategy()));
            models.add(faults.apply(a));
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "imago-replication");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<RunResult>> futures = new ArrayList<>();
            for (Task t : tasks) {
                futures.add(pool.submit(() -> {
                    Arm arm = arms.get(t.arm());
                    RunResult r = backend.run(arm, plans.get(t.arm()), models.get(t.arm()), t.replication())
                            .withScenario(arm.label());
                    onDone.accept(r);
                    return r;
                }));
            }
            List<RunResult> results = new ArrayList<>();
            for (Future<RunResult> f : futures) {
                results.add(f.get());
            }
            return results;
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", ex);
        } catch (ExecutionException ex) {
            if (ex.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(ex.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
