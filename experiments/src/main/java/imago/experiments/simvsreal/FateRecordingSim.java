package imago.experiments.simvsreal;

import imago.experiments.run.Backend;
import imago.model.experiment.Arm;
import imago.model.fault.FaultModel;
import imago.model.metrics.RunResult;
import imago.model.plan.Plan;
import imago.sim.DetailedRun;
import imago.sim.InjectedFault;
import imago.sim.Simulation;
import imago.sim.SimulationInput;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The simulator as a backend that keeps each run's injected faults, whose fates the comparison
 * needs and RunResult only counts. Its results are the plain simulator's (the same call).
 */
final class FateRecordingSim implements Backend {

    private final Map<String, List<InjectedFault>> faults = new ConcurrentHashMap<>();

    @Override
    public RunResult run(Arm arm, Plan plan, FaultModel model, int replication) {
        DetailedRun d = Simulation.runDetailed(new SimulationInput(arm.experiment(), arm.scenario(), plan, model), replication);
        faults.put(key(arm.label(), replication), d.faults());
        return d.result();
    }

    /** The faults of a run this backend made; empty for a run it did not (resumed from a partial store). */
    Optional<List<InjectedFault>> faults(String label, int replication) {
        return Optional.ofNullable(faults.get(key(label, replication)));
    }

    Optional<Fate> fate(String label, int replication) {
        return faults(label, replication).map(Fate::ofSim);
    }

    private static String key(String label, int replication) {
        return label + "#" + replication;
    }
}
