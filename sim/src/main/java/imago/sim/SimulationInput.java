package imago.sim;

import imago.model.experiment.Experiment;
import imago.model.experiment.Scenario;
import imago.model.fault.FaultModel;
import imago.model.plan.Plan;

import java.util.Objects;

/**
 * Everything one simulated run needs: the experiment (system, workload, upgrade, window, seed),
 * the scenario, the plan its strategy compiled to, and the resolved fault model.
 */
public record SimulationInput(Experiment experiment, Scenario scenario, Plan plan, FaultModel faults) {

    public SimulationInput {
        Objects.requireNonNull(experiment, "experiment");
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(faults, "faults");
    }
}
