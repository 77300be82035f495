package imago.model.plan;

import imago.model.topology.TierKind;
import imago.model.topology.Topology;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * What each step does to the plan's state, faults aside: which nodes exist, run, take traffic and
 * on which version, how far each universe's data is converted, and which universe serves. This is
 * the meaning of a step (DESIGN §2a): plan invariants are checked on it, and both backends'
 * runners are checked against it step group by step group.
 */
public final class PlanState implements StateView {

    private record Key(Universe universe, String node) {
    }

    private final Topology topology;
    private final Map<Key, NodeState> nodes = new HashMap<>();
    private final Map<Universe, DataState> data = new EnumMap<>(Universe.class);
    private Universe serving = Universe.PRODUCTION;
    private java.util.OptionalInt weight = java.util.OptionalInt.empty();

    public PlanState(Topology topology) {
        this.topology = topology;
        for (var n : topology.nodes()) {
            nodes.put(new Key(Universe.PRODUCTION, n.name()), new NodeState(true, true, true, false));
        }
    }

    @Override
    public Universe servingUniverse() {
        return serving;
    }

    @Override
    public java.util.OptionalInt canaryWeight() {
        return weight;
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

    @Override
    public NodeState node(Universe u, String name) {
        return nodes.getOrDefault(new Key(u, name), NodeState.ABSENT);
    }

    @Override
    public DataState data(Universe u) {
        return data.getOrDefault(u, DataState.OLD);
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
        return switch (s) {
            case Step.Drain d -> true;
            case Step.Stop st -> true;
            case Step.Retire r -> true;
            case Step.Rollback r -> true;
            case Step.Provision p -> false;
            case Step.Wait w -> false;
            case Step.Install i -> false;
            case Step.Configure c -> false;
            case Step.Start st -> false;
            case Step.ConvertData c -> false;
            case Step.SyncData sy -> false;
            case Step.RuntimeTest t -> false;
            case Step.Switch sw -> false;
            case Step.SetWeight w -> false;
            case Step.Analysis a -> false;
        };
    }

    /** What {@code step} does once all its targets are done. */
    public void apply(Step step) {
        switch (step) {
            case Step.Provision p -> each(p, n -> new NodeState(true, false, false, false));
            case Step.Drain d -> each(d, n -> new NodeState(n.exists(), n.running(), false, n.newVersion()));
            case Step.Wait w -> { }
            case Step.Stop s -> each(s, n -> new NodeState(n.exists(), false, false, n.newVersion()));
            case Step.Install i -> each(i, n -> new NodeState(n.exists(), n.running(), n.routable(), true));
            case Step.Configure c -> { }
            // A node that does not exist does not start.
            case Step.Start s -> each(s, n -> new NodeState(n.exists(), n.exists(), n.exists(), n.newVersion()));
            case Step.ConvertData c -> data.put(c.universe(), new DataState(true, true, data(c.universe()).synced()));
            case Step.SyncData s -> data.put(s.universe(), new DataState(data(s.universe()).conversionStarted(),
                    data(s.universe()).converted(), true));
            case Step.RuntimeTest t -> { }
            case Step.Switch s -> serving = s.universe();
            case Step.Retire r -> each(r, n -> new NodeState(false, false, false, n.newVersion()));
            case Step.Rollback r -> rollBack(r);
            case Step.SetWeight w -> weight = java.util.OptionalInt.of(w.percent());
            case Step.Analysis a -> { }
        }
    }

    /** A database target gets its data back from the backup; any other goes back to the old version and serves. */
    private void rollBack(Step.Rollback r) {
        for (String t : r.targets()) {
            if (isDatabase(t)) {
                data.put(r.universe(), DataState.OLD);
            } else {
                NodeState n = node(r.universe(), t);
                nodes.put(new Key(r.universe(), t), new NodeState(n.exists(), n.exists(), n.exists(), false));
            }
        }
    }

    private boolean isDatabase(String node) {
        return topology.requireTier(tierOf(node)).kind() == TierKind.DATABASE;
    }

    private void each(Step step, UnaryOperator<NodeState> f) {
        for (String t : step.targets()) {
            nodes.put(new Key(step.universe(), t), f.apply(node(step.universe(), t)));
        }
    }
}
