package imago.model.plan;

import imago.model.topology.Topology;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks a backend against the meaning of a plan's steps: fed the backend's {@link StateView}
 * each time some of the plan's groups have ended, it lists where that view differs from
 * {@link PlanState} after the same groups. Both backends' conformance tests use it.
 */
public final class Conformance {

    private record NodeKey(Universe universe, String name) {
    }

    private final List<List<PlannedStep>> groups;
    private final PlanState reference;
    private final Set<NodeKey> nodes = new LinkedHashSet<>();
    private final Set<Universe> dataUniverses = new LinkedHashSet<>();
    private int applied;

    public Conformance(Topology topology, Plan plan) {
        this.groups = plan.groups();
        this.reference = new PlanState(topology);
        topology.nodes().forEach(n -> nodes.add(new NodeKey(Universe.PRODUCTION, n.name())));
        for (PlannedStep ps : plan.steps()) {
            Step s = ps.step();
            s.targets().forEach(t -> nodes.add(new NodeKey(s.universe(), t)));
            // Only a universe the plan converts has data of its own to compare (others may share production's).
            if (s instanceof Step.ConvertData || s instanceof Step.SyncData) {
                dataUniverses.add(s.universe());
            }
        }
    }

    /** Groups the reference has applied so far. */
    public int groupsApplied() {
        return applied;
    }

    /** How {@code actual}, observed after the plan's first {@code groupsDone} groups, differs from the reference. */
    public List<String> check(int groupsDone, StateView actual) {
        if (groupsDone < applied || groupsDone > groups.size()) {
            throw new IllegalArgumentException("groups done must run " + applied + ".." + groups.size() + " (was " + groupsDone + ")");
        }
        while (applied < groupsDone) {
            reference.applyGroup(groups.get(applied++), s -> { });
        }
        List<String> out = new ArrayList<>();
        String at = "after group " + groupsDone + ": ";
        if (actual.servingUniverse() != reference.servingUniverse()) {
            out.add(at + "serving " + actual.servingUniverse() + ", expected " + reference.servingUniverse());
        }
        if (!actual.canaryWeight().equals(reference.canaryWeight())) {
            out.add(at + "canary weight " + actual.canaryWeight() + ", expected " + reference.canaryWeight());
        }
        for (NodeKey k : nodes) {
            StateView.NodeState want = reference.node(k.universe(), k.name());
            StateView.NodeState got = actual.node(k.universe(), k.name());
            if (!want.equals(got)) {
                out.add(at + k.universe().configName() + "/" + k.name() + " is " + got + ", expected " + want);
            }
        }
        for (Universe u : dataUniverses) {
            if (!reference.data(u).equals(actual.data(u))) {
                out.add(at + u.configName() + " data is " + actual.data(u) + ", expected " + reference.data(u));
            }
        }
        return out;
    }
}
