package imago.experiments.run;

import imago.model.experiment.Arm;
import imago.model.fault.FaultModel;
import imago.model.metrics.RunResult;
import imago.model.plan.Plan;
import imago.sim.Simulation;
import imago.sim.SimulationInput;

/** The simulator as a backend. */
public final class SimBackend implements Backend {
    @Override
    public RunResult run(Arm arm, Plan plan, FaultModel faults, int replication) {
        return Simulation.run(new SimulationInput(arm.experiment(), arm.scenario(), plan, faults), replication);
    }
}
