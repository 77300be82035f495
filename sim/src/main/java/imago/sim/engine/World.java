package imago.sim.engine;

import imago.model.experiment.Experiment;
import imago.model.plan.Plan;
import imago.model.plan.PlannedStep;
import imago.model.plan.Universe;
import imago.model.topology.Dependency;
import imago.model.topology.Node;
import imago.model.topology.Tier;
import imago.model.topology.TierKind;
import imago.model.topology.Topology;
import imago.model.upgrade.SchemaChange;
import imago.model.upgrade.Upgrade;
import imago.sim.SimOptions;
import imago.sim.random.Sampler;
import umontreal.ssj.rng.RandomStream;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The state of the system under upgrade: nodes per universe, hosts and their libraries, the data
 * of each universe, which universe serves, and the routing of requests to serving nodes. It also
 * decides whether a node can serve a request, which is where hidden dependencies break.
 */
final class World {
    static final int PROD = 0, PAR = 1;
    /** Verdicts of {@link #admit}: serve, or fail as planned or unplanned unavailability. */
    static final int OK = 0, PLANNED = 1, UNPLANNED = 2;

    private final Engine engine;
    final Topology topology;
    final TierRt[] tiers;
    final List<NodeRt> nodes = new ArrayList<>();
    private final List<Map<String, NodeRt>> byName = List.of(new HashMap<>(), new HashMap<>());
    private final Map<String, Integer> hostIds = new HashMap<>();
    private final List<List<NodeRt>> hostNodes = new ArrayList<>();
    private long[] hostNewLibraries = new long[0];

    private final NodeRt[][][] serving;
    private final int[][] servingCount;
    private final int[][] cursor;

    final DataState[] data = {new DataState(), new DataState()};
    /** The database whose schema changes, or null when the upgrade changes no schema. */
    final TierRt schemaDb;
    private final boolean incompatible;
    private final boolean libraryChange;
    /** The tiers some request path uses. */
    long tiersInUse;

    int servingUniverse = PROD;
    /** After a draining switch, callbacks go back to the universe whose page issued them. */
    boolean affinity;
    /** A rollback or reversal is under way: what it takes away is unplanned unavailability. */
    boolean recovering;
    /** Callbacks under way per universe that issued them; a drained universe retires when none is left. */
    final int[] pinned = new int[2];
    final List<TargetRun> retireWaiters = new ArrayList<>();
    /** Nodes counted in resource cost. */
    int allocated;

    private final RandomStream effects;
    private final double partialShare;
    private final boolean leastLoaded;
    /** The universe whose offline conversion made another universe's data read-only, per universe. */
    private final int[] readOnlySource = {-1, -1};

    World(Engine engine, Experiment exp, Plan plan, SimOptions opt, RandomStream effects) {
        this.engine = engine;
        this.topology = exp.topology();
        this.effects = effects;
        this.partialShare = opt.partialFaultShare();
        this.leastLoaded = opt.routing() == SimOptions.Routing.LEAST_LOADED;
        Upgrade up = exp.upgrade();
        List<Tier> ts = topology.tiers();
        if (ts.size() > 63) {
            throw new IllegalArgumentException("the simulator handles at most 63 tiers (was " + ts.size() + ")");
        }
        tiers = new TierRt[ts.size()];
        for (int i = 0; i < ts.size(); i++) {
            Tier t = ts.get(i);
            tiers[i] = new TierRt(i, t.name(), t.kind(), t.servers(), Sampler.of(t.serviceTime()));
            tiers[i].upgraded = up.tiers().contains(t.name());
            tiers[i].moved = up.movedLocations().contains(t.name());
            tiers[i].shared = true;
        }
        Optional<SchemaChange> schema = up.schema();
        schemaDb = schema.map(s -> tier(s.database())).orElse(null);
        incompatible = schema.isPresent() && !schema.get().compatible();
        libraryChange = !up.libraries().isEmpty();
        for (Dependency d : topology.dependencies()) {
            TierRt from = tierOfName(d.from());
            TierRt to = tierOfName(d.to());
            switch (d.kind()) {
                case LIBRARY -> {
                    from.libraryLinks |= 1L << to.index;
                    to.libraryLinks |= 1L << from.index;
                }
                case SCHEMA, DATA -> {
                    if (to == schemaDb) {
                        from.dataDependent = true;
                    }
                }
                case SERVICE_LOCATION -> to.locationCallers |= 1L << from.index;
                case CONFIG_SEMANTICS, PORT, RUNTIME -> { } // broken by faults, not by the upgrade itself
            }
        }
        // Production as it runs before the upgrade.
        for (Node n : topology.nodes()) {
            NodeRt node = create(PROD, n.name(), tier(n.tier()), n.host());
            node.allocated = node.exists = node.running = node.routable = true;
            allocated++;
        }
        // Every node a plan step names, in either universe, gets its slot now.
        for (PlannedStep ps : plan.steps()) {
            int u = index(ps.step().universe());
            for (String name : ps.step().targets()) {
                NodeRt n = node(u, name);
                if (u == PAR) {
                    n.tier.shared = false;
                }
            }
        }
        serving = new NodeRt[2][tiers.length][];
        servingCount = new int[2][tiers.length];
        cursor = new int[2][tiers.length];
        for (int u = 0; u < 2; u++) {
            for (TierRt t : tiers) {
                int count = 0;
                for (NodeRt n : nodes) {
                    if (n.universe == u && n.tier == t) {
                        count++;
                    }
                }
                serving[u][t.index] = new NodeRt[count];
            }
        }
        rebuildServing();
    }

    static int index(Universe u) {
        return u == Universe.PRODUCTION ? PROD : PAR;
    }

    static Universe universe(int u) {
        return u == PROD ? Universe.PRODUCTION : Universe.PARALLEL;
    }

    TierRt tier(String name) {
        for (TierRt t : tiers) {
            if (t.name.equals(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("no tier named " + name);
    }

    private TierRt tierOfName(String tierOrNode) {
        Optional<Tier> t = topology.tierOf(tierOrNode);
        if (t.isPresent()) {
            return tier(t.get().name());
        }
        // Nodes a plan adds (a rolling surge: app-5) are named tier-N.
        int dash = tierOrNode.lastIndexOf('-');
        if (dash > 0 && tierOrNode.substring(dash + 1).chars().allMatch(Character::isDigit)) {
            return tier(tierOrNode.substring(0, dash));
        }
        throw new IllegalArgumentException("no tier or node named " + tierOrNode);
    }

    /** The node {@code name} of universe {@code u}, or null when no step named it. */
    NodeRt find(int u, String name) {
        return byName.get(u).get(name);
    }

    /** The node {@code name} of universe {@code u}, created (not existing yet) on first mention. */
    NodeRt node(int u, String name) {
        NodeRt n = byName.get(u).get(name);
        if (n != null) {
            return n;
        }
        TierRt t = tierOfName(name);
        Optional<Node> known = topology.node(name);
        // A parallel universe is built on separate hosts; a node a plan adds gets a host of its own.
        String host = known.isPresent()
                ? (u == PROD ? known.get().host() : "parallel/" + known.get().host())
                : universe(u).configName() + "/" + name;
        return create(u, name, t, host);
    }

    private NodeRt create(int u, String name, TierRt t, String host) {
        Integer h = hostIds.get(host);
        if (h == null) {
            h = hostNodes.size();
            hostIds.put(host, h);
            hostNodes.add(new ArrayList<>());
            hostNewLibraries = java.util.Arrays.copyOf(hostNewLibraries, hostNodes.size());
        }
        NodeRt n = new NodeRt(nodes.size(), name, t, u, h);
        nodes.add(n);
        hostNodes.get(h).add(n);
        byName.get(u).put(name, n);
        return n;
    }

    /** The universe whose nodes of tier {@code t} serve a request of universe {@code u}. */
    int effective(TierRt t, int u) {
        return t.shared ? PROD : u;
    }

    /** The universe holding the schema database's data for requests of universe {@code u}. */
    int dataUniverse(int u) {
        return schemaDb == null || schemaDb.shared ? PROD : u;
    }

    // ------------------------------------------------------------------ routing (hot path)

    /** A serving node of tier {@code t} in universe {@code u}, or null when there is none. */
    NodeRt pick(int u, int t) {
        int n = servingCount[u][t];
        if (n == 0) {
            return null;
        }
        NodeRt[] list = serving[u][t];
        if (n == 1) {
            return list[0];
        }
        int i = cursor[u][t];
        if (i >= n) {
            i = 0; // the list may have shrunk since
        }
        cursor[u][t] = i + 1;
        NodeRt best = list[i];
        if (leastLoaded) {
            for (int k = 1; k < n; k++) {
                int j = i + k;
                NodeRt c = list[j < n ? j : j - n];
                if (c.inflight < best.inflight) {
                    best = c;
                }
            }
        }
        return best;
    }

    /**
     * Whether node {@code n} of tier {@code t} can serve request {@code r} of universe {@code u}:
     * its active faults, and the hidden dependencies the upgrade breaks (DESIGN §4).
     */
    int admit(Request r, NodeRt n, TierRt t, int u) {
        if (n.faultAll > 0) {
            return UNPLANNED;
        }
        if (n.faultShare > 0 && effects.nextDouble() < partialShare) {
            return UNPLANNED;
        }
        if (n.faultData > 0 && r.touchesData) {
            return UNPLANNED;
        }
        if (incompatible && t.dataDependent && r.touchesData) {
            DataState d = data[dataUniverse(u)];
            if (!n.newVersion) {
                // (a) old code on data whose conversion has begun
                if (d.conversionStarted) {
                    return UNPLANNED;
                }
            } else if (!d.converted) {
                // new code on rows not converted yet
                if (!d.converting || effects.nextDouble() >= d.convertedFraction(engine.now())) {
                    return UNPLANNED;
                }
            }
        }
        // (b) an old node whose host got a linked tier's new library
        if (libraryChange && !n.newVersion && (hostNewLibraries[n.host] & t.libraryLinks) != 0) {
            return UNPLANNED;
        }
        // (c) a caller still configured with the other version's location
        if (t.moved && r.hop > 0 && (t.locationCallers & (1L << r.prevTier)) != 0
                && tiers[r.prevTier].upgraded && r.prevNew != n.newVersion) {
            return UNPLANNED;
        }
        if (r.write && t == schemaDb && data[dataUniverse(u)].readOnly) {
            return PLANNED;
        }
        return OK;
    }

    // ------------------------------------------------------------------ state changes

    /** Serving lists, integrals and fault activations follow every change of node state. */
    void changed() {
        rebuildServing();
        engine.stateChanged();
        engine.faults.checkActivations();
    }

    private void rebuildServing() {
        for (int u = 0; u < 2; u++) {
            java.util.Arrays.fill(servingCount[u], 0);
        }
        for (NodeRt n : nodes) {
            if (n.serving()) {
                serving[n.universe][n.tier.index][servingCount[n.universe][n.tier.index]++] = n;
            }
        }
    }

    void allocate(NodeRt n) {
        if (!n.allocated) {
            engine.advanceIntegrals();
            n.allocated = true;
            allocated++;
        }
    }

    void provisioned(NodeRt n) {
        allocate(n);
        n.exists = true;
        n.running = false;
        n.routable = false;
        n.newVersion = false;
        changed();
    }

    void drain(NodeRt n) {
        n.routable = false;
        changed();
    }

    void stop(NodeRt n, int cls) {
        n.running = false;
        n.routable = false;
        engine.traffic.flush(n, cls);
        changed();
    }

    void install(NodeRt n) {
        n.newVersion = true;
        updateHost(n.host);
        changed();
    }

    void run(NodeRt n) {
        if (n.exists) {
            n.running = true;
        }
        changed();
    }

    void ready(NodeRt n) {
        if (n.exists && n.running) {
            n.routable = true;
        }
        changed();
    }

    void retire(NodeRt n, int cls) {
        n.running = false;
        n.routable = false;
        engine.traffic.flush(n, cls);
        n.exists = false;
        if (n.allocated) {
            engine.advanceIntegrals();
            n.allocated = false;
            allocated--;
        }
        updateHost(n.host);
        changed();
    }

    void rollBack(NodeRt n) {
        n.newVersion = false;
        if (n.exists) {
            n.running = true;
            n.routable = true;
        }
        updateHost(n.host);
        changed();
    }

    private void updateHost(int h) {
        long mask = 0;
        for (NodeRt n : hostNodes.get(h)) {
            if (n.exists && n.newVersion) {
                mask |= 1L << n.tier.index;
            }
        }
        hostNewLibraries[h] = mask;
    }

    void conversionStarted(int u, boolean offline, double seconds) {
        DataState d = data[u];
        double now = engine.now();
        d.conversionStarted = true;
        d.converting = true;
        d.converted = false;
        d.conversionStart = now;
        d.conversionEnd = now + seconds;
        d.ackedAtConversionStart = d.writesAcked;
        int live = dataUniverse(servingUniverse);
        if (u != live) {
            d.copySource = live;
            d.sourceAckedAtCopy = data[live].writesAcked;
        }
        if (offline) {
            d.readOnly = true;
            // An offline copy has no incremental sync: its source must not take writes meanwhile.
            if (u != live) {
                data[live].readOnly = true;
                readOnlySource[u] = live;
            }
        }
    }

    void conversionEnded(int u) {
        DataState d = data[u];
        d.converting = false;
        d.converted = true;
        d.readOnly = false;
        if (readOnlySource[u] >= 0) {
            data[readOnlySource[u]].readOnly = false;
            readOnlySource[u] = -1;
        }
    }

    /** A callback issued by a page of universe {@code u} ended (answered, failed or dropped). */
    void callbackEnded(int u) {
        if (--pinned[u] == 0 && affinity && u != servingUniverse) {
            engine.stateChanged();
            releaseRetireWaiters();
        }
    }

    boolean mustWaitForSessions(int u) {
        return affinity && u != servingUniverse && pinned[u] > 0;
    }

    void releaseRetireWaiters() {
        if (retireWaiters.isEmpty()) {
            return;
        }
        List<TargetRun> ready = new ArrayList<>();
        for (TargetRun t : retireWaiters) {
            if (!mustWaitForSessions(t.universe())) {
                ready.add(t);
            }
        }
        retireWaiters.removeAll(ready);
        for (TargetRun t : ready) {
            t.sessionsDrained();
        }
    }

    /** Whether the node is where live traffic goes (so a fault on it reaches production). */
    boolean live(NodeRt n) {
        return n.universe == servingUniverse || (n.universe == PROD && n.tier.shared);
    }

    // ------------------------------------------------------------------ observations

    /** Serving nodes of upgraded tiers run both versions (old-universe nodes kept for pending callbacks count). */
    boolean mixed() {
        int seen = versions(servingUniverse);
        int other = 1 - servingUniverse;
        if (affinity && pinned[other] > 0) {
            seen |= versions(other);
        }
        return seen == 3;
    }

    private int versions(int u) {
        int seen = 0;
        for (TierRt t : tiers) {
            if (!t.upgraded) {
                continue;
            }
            int eu = effective(t, u);
            for (int i = 0; i < servingCount[eu][t.index]; i++) {
                seen |= serving[eu][t.index][i].newVersion ? 2 : 1;
            }
        }
        return seen;
    }

    /** Share of the serving universe's serving nodes of upgraded tiers that run the new version. */
    double newVersionShare() {
        int all = 0, fresh = 0;
        for (TierRt t : tiers) {
            if (!t.upgraded) {
                continue;
            }
            int eu = effective(t, servingUniverse);
            for (int i = 0; i < servingCount[eu][t.index]; i++) {
                all++;
                if (serving[eu][t.index][i].newVersion) {
                    fresh++;
                }
            }
        }
        return all == 0 ? 0 : (double) fresh / all;
    }

    /**
     * Whether production is left failing: a tier requests need has no serving node, or a serving
     * node has an active fault or a broken hidden dependency.
     */
    boolean productionFailing() {
        int u = servingUniverse;
        DataState d = data[dataUniverse(u)];
        for (TierRt t : tiers) {
            if ((tiersInUse & (1L << t.index)) == 0) {
                continue;
            }
            int eu = effective(t, u);
            int count = servingCount[eu][t.index];
            if (count == 0) {
                return true;
            }
            for (int i = 0; i < count; i++) {
                NodeRt n = serving[eu][t.index][i];
                if (n.faultAll > 0 || n.faultShare > 0 || n.faultData > 0) {
                    return true;
                }
                if (incompatible && t.dataDependent
                        && (n.newVersion ? !d.converted : d.conversionStarted)) {
                    return true;
                }
                if (libraryChange && !n.newVersion && (hostNewLibraries[n.host] & t.libraryLinks) != 0) {
                    return true;
                }
                if (t.moved) {
                    for (TierRt c : tiers) {
                        if ((t.locationCallers & (1L << c.index)) != 0 && c.upgraded) {
                            int ce = effective(c, u);
                            for (int k = 0; k < servingCount[ce][c.index]; k++) {
                                if (serving[ce][c.index][k].newVersion != n.newVersion) {
                                    return true;
                                }
                            }
                        }
                    }
                }
            }
        }
        return false;
    }

    /** Nodes of the upgraded tiers in universe {@code u} (their effective universe). */
    List<NodeRt> upgradedNodes(int u) {
        List<NodeRt> out = new ArrayList<>();
        for (NodeRt n : nodes) {
            if (n.tier.upgraded && n.universe == effective(n.tier, u)) {
                out.add(n);
            }
        }
        return out;
    }

    boolean isDatabase(NodeRt n) {
        return n.tier.kind == TierKind.DATABASE;
    }
}
