package imago.sim;

import java.util.OptionalDouble;

/**
 * Knobs of the simulator that are not part of the experiment: they change how the model is
 * computed, not what is modelled. {@link #defaults()} is what {@link Simulation#run} uses.
 *
 * @param eventList          the event-list implementation (DESIGN §4: a knob)
 * @param routing            how a tier picks one of its serving nodes
 * @param partialFaultShare  share of requests through a node that a type-2 (semantic
 *                           configuration) fault fails; types 1 and 3 fail all, type 4 those
 *                           touching data
 * @param warmupS            simulated time before the observation window, so that sessions and
 *                           queues are in steady state when it opens; empty = derived from the
 *                           workload (8 x (mean session length x think time + callback delay),
 *                           at most 1200 s)
 */
public record SimOptions(EventListKind eventList, Routing routing, double partialFaultShare, OptionalDouble warmupS) {

    public SimOptions {
        if (!(partialFaultShare >= 0 && partialFaultShare <= 1)) {
            throw new IllegalArgumentException("partialFaultShare: must be in [0, 1] (was " + partialFaultShare + ")");
        }
        if (warmupS.isPresent() && !(warmupS.getAsDouble() >= 0)) {
            throw new IllegalArgumentException("warmupS: must be >= 0 (was " + warmupS.getAsDouble() + ")");
        }
    }

    public static SimOptions defaults() {
        return new SimOptions(EventListKind.HEAP, Routing.ROUND_ROBIN, 0.5, OptionalDouble.empty());
    }

    public SimOptions withEventList(EventListKind kind) {
        return new SimOptions(kind, routing, partialFaultShare, warmupS);
    }

    public SimOptions withRouting(Routing r) {
        return new SimOptions(eventList, r, partialFaultShare, warmupS);
    }

    public SimOptions withWarmup(double seconds) {
        return new SimOptions(eventList, routing, partialFaultShare, OptionalDouble.of(seconds));
    }

    /** Event lists: our allocation-free heap, or one of SSJ's. */
    public enum EventListKind {
        HEAP, SPLAY_TREE, BINARY_TREE, HENRIKSEN, REDBLACK_TREE, DOUBLY_LINKED
    }

    public enum Routing {
        /** Each tier cycles through its serving nodes. */
        ROUND_ROBIN,
        /** The serving node with the fewest requests queued or in service; ties in cyclic order. */
        LEAST_LOADED
    }
}
