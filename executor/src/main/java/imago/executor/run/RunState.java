package imago.executor.run;

import imago.model.plan.StateView;
import imago.model.plan.Universe;
import imago.model.topology.TierKind;
import imago.model.topology.Topology;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * The node and data state the steps' {@link StepAction#effect effects} and the recovery build up:
 * the run's {@link RunView}. It needs no process, so a plan can be followed on it alone.
 */
final class RunState implements RunView {

    private final Map<Place, NodeView> nodes = new HashMap<>();
    /** The version each retired node last ran: the reference state remembers it (a retired canary ran the new one). */
    private final Map<Place, String> retired = new HashMap<>();
    private final Map<Universe, String> data = new EnumMap<>(Universe.class);
    /** How far each universe's data is converted and synced, as the model's {@link StateView} reads it. */
    private final Map<Universe, DataState> conversion = new EnumMap<>(Universe.class);
    /** The tables each universe's conversion left in the old schema (a migration step a fault skipped). */
    private final Map<Universe, Set<String>> leftOut = new EnumMap<>(Universe.class);
    private final Set<String> dbNodes;
    private final String from;
    private final String to;
    private Universe serving = Universe.PRODUCTION;
    private java.util.OptionalInt weight = java.util.OptionalInt.empty();

    /** Every node of the topology serving the old version in production, over the old version's data. */
    RunState(Topology topology, String from, String to) {
        this.from = from;
        this.to = to;
        this.dbNodes = topology.tiers().stream().filter(t -> t.kind() == TierKind.DATABASE)
                .flatMap(t -> t.nodeNames().stream()).collect(Collectors.toUnmodifiableSet());
        topology.nodes().forEach(n -> nodes.put(new Place(Universe.PRODUCTION, n.name()), new NodeView(from, true, true)));
        data.put(Universe.PRODUCTION, from);
    }

    @Override
    public synchronized java.util.OptionalInt canaryWeight() {
        return weight;
    }

    /** A canary's weight was set at the ingress. */
    synchronized void weight(int percent) {
        weight = java.util.OptionalInt.of(percent);
    }

    @Override
    public synchronized Universe servingUniverse() {
        return serving;
    }

    @Override
    public synchronized Map<Place, NodeView> nodes() {
        return Map.copyOf(nodes);
    }

    @Override
    public synchronized Optional<String> dataVersion(Universe u) {
        return Optional.ofNullable(data.get(u));
    }

    @Override
    public synchronized NodeState node(Universe u, String name) {
        Place p = new Place(u, name);
        NodeView n = nodes.get(p);
        if (n == null) {
            return retired.containsKey(p) ? new NodeState(false, false, false, retired.get(p).equals(to)) : NodeState.ABSENT;
        }
        return new NodeState(true, n.running(), n.routable(), n.version().equals(to));
    }

    @Override
    public synchronized DataState data(Universe u) {
        return conversion.getOrDefault(u, DataState.OLD);
    }

    @Override
    public synchronized Set<String> leftOut(Universe u) {
        return leftOut.getOrDefault(u, Set.of());
    }

    /** The tables universe {@code u}'s conversion has left in the old schema, from now on (none: a repair redid them). */
    synchronized void leftOut(Universe u, java.util.List<String> tables) {
        leftOut.put(u, Set.copyOf(tables));
    }

    String to() {
        return to;
    }

    boolean isDbNode(String node) {
        return dbNodes.contains(node);
    }

    synchronized void provision(Universe u, String node, boolean database) {
        nodes.putIfAbsent(new Place(u, node), new NodeView("", false, false));
        if (database) {
            data.putIfAbsent(u, "");
        }
    }

    synchronized void route(Universe u, String node, boolean routable) {
        update(u, node, n -> new NodeView(n.version(), n.running(), routable));
    }

    synchronized void stop(Universe u, String node) {
        update(u, node, n -> new NodeView(n.version(), false, false));
    }

    /** The new version's code, or for a database its schema. */
    synchronized void install(Universe u, String node) {
        update(u, node, n -> new NodeView(to, n.running(), n.routable()));
        if (isDbNode(node) && u != Universe.PRODUCTION) {
            data.put(u, to);
        }
    }

    synchronized void start(Universe u, String node) {
        update(u, node, n -> new NodeView(n.version(), true, true));
    }

    /** A universe's data converted to the new version's schema. */
    synchronized void converted(Universe u) {
        data.put(u, to);
        conversion.put(u, new DataState(true, true, data(u).synced()));
    }

    /** A universe's data brought up to date with the writes made during its conversion. */
    synchronized void synced(Universe u) {
        DataState d = data(u);
        conversion.put(u, new DataState(d.conversionStarted(), d.converted(), true));
    }

    synchronized void serve(Universe u) {
        serving = u;
    }

    synchronized void retire(Universe u, String node) {
        NodeView gone = nodes.remove(new Place(u, node));
        if (gone != null) {
            retired.put(new Place(u, node), gone.version());
        }
        if (isDbNode(node)) {
            data.remove(u);
        }
    }

    /** Back on the old version and serving; a database gets its old data back. */
    synchronized void rollBack(Universe u, String node) {
        if (isDbNode(node)) {
            data.put(u, from);
            conversion.put(u, DataState.OLD);
            leftOut.remove(u);
        } else {
            update(u, node, n -> new NodeView(from, true, true));
        }
    }

    /** A whole universe dropped (a switch reversed, a parallel universe abandoned). */
    synchronized void drop(Universe u) {
        nodes.keySet().removeIf(p -> p.universe() == u);
        data.remove(u);
        conversion.remove(u);
        leftOut.remove(u);
    }

    private void update(Universe u, String node, UnaryOperator<NodeView> f) {
        nodes.computeIfPresent(new Place(u, node), (p, n) -> f.apply(n));
    }
}
