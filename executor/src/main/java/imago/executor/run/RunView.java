package imago.executor.run;

import imago.model.plan.Universe;

import java.util.Map;
import java.util.Optional;

/**
 * A run's node and data state, read-only: which nodes exist in which universe, on which version,
 * running and routable, which universe serves, and the schema version of each universe's data. It
 * is what a plan's steps have done so far, comparable with the model's {@code PlanState}.
 */
public interface RunView {

    /**
     * One node in one universe. Routable: it takes traffic when its universe serves (a started
     * parallel node is routable before the switch puts it in rotation).
     *
     * @param version the installed version, empty before an install
     */
    record NodeView(String version, boolean running, boolean routable) {
    }

    /** A node's place: which universe, which node name. */
    record Place(Universe universe, String node) {
    }

    Universe servingUniverse();

    /** Every existing node. */
    Map<Place, NodeView> nodes();

    default Optional<NodeView> node(Universe u, String name) {
        return Optional.ofNullable(nodes().get(new Place(u, name)));
    }

    /** The schema version of a universe's data; empty when it has no database, blank when its database is empty. */
    Optional<String> dataVersion(Universe u);
}
