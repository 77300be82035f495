package imago.experiments.run;

import imago.model.experiment.Arm;
import imago.model.fault.FaultModel;
import imago.model.metrics.RunResult;
import imago.model.plan.Plan;

/** Runs one replication of one arm's plan: the simulator, or the real executor. */
@FunctionalInterface
public interface Backend {
    RunResult run(Arm arm, Plan plan, FaultModel faults, int replication);
}
