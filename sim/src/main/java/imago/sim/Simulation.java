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
        return Engine.run(input, replication, options);
    }
}
