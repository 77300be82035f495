package imago.experiments.run;

import imago.model.experiment.Experiment;
import imago.model.experiment.Scenario;
import imago.model.fault.FaultModel;
import imago.model.metrics.RunResult;
import imago.model.plan.Plan;

/** Runs one replication of one scenario's plan: the simulator, or the real executor. */
@FunctionalInterface
public interface Backend {
    RunResult run(Experiment experiment, Scenario scenario, Plan plan, FaultModel faults, int replication);
}
