package imago.sim;

import imago.model.metrics.RunResult;
import imago.sim.engine.Engine;

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
    static java.util.Map<imago.model.fault.FaultType, imago.model.metrics.FaultCounts> faultsByType(java.util.List<InjectedFault> faults) {
        java.util.Map<imago.model.fault.FaultType, imago.model.metrics.FaultCounts> byType = new java.util.EnumMap<>(imago.model.fault.FaultType.class);
        for (InjectedFault f : faults) {
            var one = new imago.model.metrics.FaultCounts(1, f.reachedProduction() ? 1 : 0,
                    f.fate() == InjectedFault.Fate.CAUGHT ? 1 : 0, f.fate() == InjectedFault.Fate.ESCAPED ? 1 : 0);
            byType.merge(f.type(), one, imago.model.metrics.FaultCounts::plus);
        }
        return byType;
    }
}
