package imago.sim;

import imago.model.fault.FaultType;
import imago.model.metrics.FaultCounts;
import imago.model.metrics.RunResult;
import imago.sim.engine.Engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The discrete-event simulator's entry point (DESIGN §4). A run is a pure function of its input
 * and replication index: it builds its own SSJ simulator and random streams, shares no mutable
 * state, and may run concurrently with any other.
 */
public final class Simulation {

    private Simulation() {
    }

    /** The metrics of replication {@code replication} (from 0) of the input's scenario. */
    public static RunResult run(SimulationInput input, int replication) {
        return runDetailed(input, replication, SimOptions.defaults()).result();
    }

    public static RunResult run(SimulationInput input, int replication, SimOptions options) {
        return runDetailed(input, replication, options).result();
    }

    /** The metrics plus the injected faults one by one, with their fates. */
    public static DetailedRun runDetailed(SimulationInput input, int replication) {
        return runDetailed(input, replication, SimOptions.defaults());
    }

    public static DetailedRun runDetailed(SimulationInput input, int replication, SimOptions options) {
        DetailedRun run = Engine.run(input, replication, options);
        return new DetailedRun(run.result().withFaultsByType(faultsByType(run.faults())), run.faults(), run.events(),
                run.requests(), run.simulatedS());
    }

    /** The faults' fates split by fault type, as RunResult carries them. */
    static Map<FaultType, FaultCounts> faultsByType(List<InjectedFault> faults) {
        List<FaultCounts.Fate> fates = new ArrayList<>(faults.size());
        for (InjectedFault f : faults) {
            fates.add(new FaultCounts.Fate(f.type(), f.reachedProduction(), f.fate() == InjectedFault.Fate.CAUGHT,
                    f.fate() == InjectedFault.Fate.ESCAPED));
        }
        return FaultCounts.byType(fates);
    }
}
