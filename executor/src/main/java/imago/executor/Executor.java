package imago.executor;

import imago.executor.run.Run;
import imago.model.experiment.Experiment;
import imago.model.experiment.Scenario;
import imago.model.plan.Plan;

import java.io.IOException;

/**
 * The real executor: runs a compiled {@link Plan} against real processes (the bidding testbed in
 * two versions, an H2 database server, a Jetty ingress), real load and real injected faults, and
 * measures the same {@link imago.model.metrics.RunResult} as the simulator.
 *
 * <pre>{@code
 * Plan plan = new PlanCompiler(e.topology(), e.workload(), e.upgrade()).compile(s.name(), s.strategy());
 * ExecutorRun run = Executor.run(e, s, plan, ExecutorOptions.defaults(outDir));
 * }</pre>
 *
 * Every process, port and temporary file a run makes is released when it returns, fails or is
 * interrupted.
 */
public final class Executor {

    private Executor() {
    }

    /**
     * Runs one scenario once.
     *
     * @throws ExecutorException    when the experiment does not describe the bidding testbed, a
     *                              fault does not fit the plan, or the system cannot be set up
     * @throws InterruptedException when the calling thread is interrupted (everything is cleaned up)
     */
    public static ExecutorRun run(Experiment experiment, Scenario scenario, Plan plan, ExecutorOptions options)
            throws InterruptedException {
        try (Run run = new Run(experiment, scenario, plan, options)) {
            return run.execute();
        } catch (IOException e) {
            throw new ExecutorException("cannot prepare the run: " + e.getMessage(), e);
        }
    }
}
