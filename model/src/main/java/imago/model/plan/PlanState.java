package imago.model.plan;

import imago.model.topology.Topology;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The intended state of every node as a plan proceeds, faults aside: which nodes exist, run, take
 * traffic, and on which version. It is what a plan promises, so plan invariants are checked on it.
 */
public final class PlanState {

    /** One node in one universe. */
    public record NodeState(boolean exists, boolean running, boolean routable, boolean newVersion) {
        boolean serving() {
            return exists && running && routable;
        }
    }

    private record Key(Universe universe, String node) {
    }

    private final Map<Key, NodeState> nodes = new HashMap<>();
    private Universe serving = Universe.PRODUCTION;

    public PlanState(Topology topology) {
        for (var n : topology.nodes()) {
            nodes.put(new Key(Universe.PRODUCTION, n.name()), new NodeState(true, true, true, false));
        }
    }

    public Universe servingUniverse() {
        return serving;
    }

    /** Nodes of {@code tier} that take traffic now: in the serving universe, existing, running, routable. */
    public List<String> servingNodes(String tier) {
        return nodes.entrySet().stream()
                .filter(e -> e.getKey().universe() == serving && e.getValue().serving()
                        && tierOf(e.getKey().node()).equals(tier))
                .map(e -> e.getKey().node()).sorted().toList();
    }

    /** Node names are {@code tier-index} and tier names hold no dash, so this holds for surge nodes too. */
    static String tierOf(String node) {
        return node.substring(0, node.lastIndexOf('-'));
    }

    public NodeState node(Universe u, String name) {
        return nodes.getOrDefault(new Key(u, name), new NodeState(false, false, false, false));
    }

    /**
     * Applies a group of parallel steps: first everything that takes capacity away, then what
     * adds it, calling {@code check} after each half, which is the worst case of any interleaving.
     */
    public void applyGroup(List<PlannedStep> group, Consumer<PlanState> check) {
        for (PlannedStep s : group) {
            if (removesCapacity(s.step())) {
                apply(s.step());
            }
        }
        check.accept(this);
        for (PlannedStep s : group) {
            if (!removesCapacity(s.step())) {
                apply(s.step());
            }
        }
        check.accept(this);
    }

    private static boolean removesCapacity(Step s) {
        return s instanceof Step.Drain || s instanceof Step.Stop || s instanceof Step.Retire;
    }

    public void apply(Step step) {
        switch (step) {
            case Step.Provision p -> each(p, n -> new NodeState(true, false, false, false));
            case Step.Drain d -> each(d, n -> new NodeState(n.exists(), n.running(), false, n.newVersion()));
            case Step.Stop s -> each(s, n -> new NodeState(n.exists(), false, false, n.newVersion()));
            case Step.Install i -> each(i, n -> new NodeState(n.exists(), n.running(), n.routable(), true));
            case Step.Start s -> each(s, n -> new NodeState(n.exists(), true, true, n.newVersion()));
            case Step.Retire r -> each(r, n -> new NodeState(false, false, false, n.newVersion()));
            case Step.Rollback r -> each(r, n -> new NodeState(n.exists(), n.running(), n.routable(), false));
            case Step.Switch s -> serving = s.universe();
            case Step.Configure c -> { }
            case Step.ConvertData c -> { }
            case Step.SyncData c -> { }
            case Step.RuntimeTest t -> { }
        }
    }

    private void each(Step step, java.util.function.UnaryOperator<NodeState> f) {
        for (String t : step.targets()) {
            Key k = new Key(step.universe(), t);
            nodes.put(k, f.apply(node(step.universe(), t)));
        }
    }
}
