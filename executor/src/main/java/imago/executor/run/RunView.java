package imago.executor.run;

import imago.model.plan.StateView;
import imago.model.plan.Universe;

import java.util.Map;
import java.util.Optional;

/**
 * A run's node and data state, read-only: which nodes exist in which universe, on which version,
 * running and routable, which universe serves, and the schema version of each universe's data. It
 * is what a plan's steps have done so far, read by the model as a {@link StateView}: the plan's
 * {@code RecoveryPolicy} decides on it, and {@code Conformance} compares it with {@code PlanState}.
 */
public interface RunView extends StateView {

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

    /** Every existing node. */
    Map<Place, NodeView> nodes();

    /** The schema version of a universe's data; empty when it has no database, blank when its database is empty. */
    Optional<String> dataVersion(Universe u);
}
