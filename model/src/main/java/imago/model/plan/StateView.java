package imago.model.plan;

/**
 * What a plan has done so far to the system, as one runner sees it: the nodes of each universe,
 * the data of each universe and which universe serves. {@link PlanState} is the reference; each
 * backend implements this over its own state, so a conformance test can compare the two after
 * every group of a plan.
 */
public interface StateView {

    Universe servingUniverse();

    /** Node {@code name} of universe {@code u}; a node the runner never created does not exist. */
    NodeState node(Universe u, String name);

    /**
     * The percentage of sessions a canary's ingress sends to the new version; empty while no
     * weight was set, when every serving node takes a share whatever its version. A runner that
     * does not route by weight keeps the default.
     */
    default java.util.OptionalInt canaryWeight() {
        return java.util.OptionalInt.empty();
    }

    /** The data of universe {@code u} as the schema change sees it. */
    DataState data(Universe u);

    /**
     * The tables of universe {@code u}'s data that its conversion has left in the old schema (a
     * migration step skipped, by a type 4 fault): converting the data back has nothing to do in
     * them. A plan skips none, so by default none.
     */
    default java.util.Set<String> leftOut(Universe u) {
        return java.util.Set.of();
    }

    /** One node in one universe. */
    record NodeState(boolean exists, boolean running, boolean routable, boolean newVersion) {
        public static final NodeState ABSENT = new NodeState(false, false, false, false);

        /** Takes traffic: exists, runs and is in rotation. */
        public boolean serving() {
            return exists && running && routable;
        }
    }

    /**
     * The data of one universe: whether its conversion to the new schema has begun and ended, and
     * whether an incremental sync has brought it up to date with the writes made meanwhile.
     */
    record DataState(boolean conversionStarted, boolean converted, boolean synced) {
        public static final DataState OLD = new DataState(false, false, false);
    }
}
