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
 * The state of the system under upgrade: nodes per universe and the hosts they share, which
 * universe serves, and how step effects change nodes. Routing to serving nodes
 * ({@link Routing}), the data of each universe ({@link UniverseData}) and whether a node can
 * serve a request ({@link Admission}) are its parts.
 */
final class World {
    static final int PROD = 0, PAR = 1;

    private final Engine engine;
    final Topology topology;
    final TierRt[] tiers;
    final List<NodeRt> nodes = new ArrayList<>();
    private final List<Map<String, NodeRt>> byName = List.of(new HashMap<>(), new HashMap<>());
    private final Map<String, Integer> hostIds = new HashMap<>();
    private final List<List<NodeRt>> hostNodes = new ArrayList<>();
    private long[] hostNewLibraries = new long[0];

    final Routing routing;
    final UniverseData data;
    final Admission admission;
    /** The tiers some request path uses. */
    long tiersInUse;
    /** Per tier, the tiers a request reaches after it on some path (bit i: tier i). */
    final long[] downstream;

    int servingUniverse = PROD;
    /**
     * A canary's weight: the percentage of sessions the ingress sends to the new version's nodes
     * of upgraded tiers; -1 before any, when a request takes any serving node.
     */
    int weight = -1;
    /** After a draining switch, callbacks go back to the universe whose page issued them. */
    boolean affinity;
    /** A rollback or reversal is under way: what it takes away is unplanned unavailability. */
    boolean recovering;
    /** Callbacks under way per universe that issued them; a drained universe retires when none is left. */
    final int[] pinned = new int[2];
    final List<TargetRun> retireWaiters = new ArrayList<>();
    /** Nodes counted in resource cost. */
    int allocated;

    World(Engine engine, Experiment exp, Plan plan, SimOptions opt, RandomStream effects) {
        this.engine = engine;
        this.topology = exp.topology();
        Upgrade up = exp.upgrade();
        List<Tier> ts = topology.tiers();
        if (ts.size() > 63) {
            throw new IllegalArgumentException("the simulator handles at most 63 tiers (was " + ts.size() + ")");
        }
        tiers = new TierRt[ts.size()];
        downstream = new long[ts.size()];
        for (int i = 0; i < ts.size(); i++) {
            Tier t = ts.get(i);
            tiers[i] = new TierRt(i, t.name(), t.kind(), t.servers(), Sampler.of(t.serviceTime()), t.warmup());
            tiers[i].upgraded = up.tiers().contains(t.name());
            tiers[i].moved = up.movedLocations().contains(t.name());
            tiers[i].shared = true;
        }
        Optional<SchemaChange> schema = up.schema();
        TierRt schemaDb = schema.map(s -> tier(s.database())).orElse(null);
        data = new UniverseData(schemaDb, schema, topology.sharedProcessors());
        admission = new Admission(engine, this, up, effects, opt.partialFaultShare());
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
        routing = new Routing(nodes, tiers.length, opt.routing() == SimOptions.Routing.LEAST_LOADED);
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

    // ------------------------------------------------------------------ state changes

    /** Serving lists, integrals and fault activations follow every change of node state. */
    double now() {
        return engine.now();
    }

    void changed() {
        rebuildServing();
        engine.stateChanged();
        engine.faults.checkActivations();
    }

    private void rebuildServing() {
        routing.rebuild(nodes);
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
            n.cold |= !n.running;
            n.running = true;
        }
        changed();
    }

    void ready(NodeRt n) {
        if (n.exists && n.running) {
            n.routable = true;
            // A started node warms up from its first traffic on; one drained and put back does not.
            if (n.cold) {
                n.warmingSince = now();
                n.cold = false;
            }
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
            // The rollback stopped it and started the old version: a fresh process.
            n.warmingSince = now();
            n.cold = false;
        }
        updateHost(n.host);
        changed();
    }

    void setWeight(int percent) {
        weight = percent;
        changed();
    }

    /** Bit i set: a node of tier i on host {@code h} runs the new version (and its libraries). */
    long newLibraries(int h) {
        return hostNewLibraries[h];
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

    /**
     * Serving nodes of upgraded tiers run both versions (old-universe nodes kept for pending
     * callbacks count; under a canary, only the versions its weight sends sessions to).
     */
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
            for (int i = 0; i < routing.count(eu, t.index); i++) {
                boolean fresh = routing.at(eu, t.index, i).newVersion;
                // A canary at weight 0 or 100 sends no session to the other version's nodes.
                if (!(weight == 0 && fresh) && !(weight == 100 && !fresh)) {
                    seen |= fresh ? 2 : 1;
                }
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
            for (int i = 0; i < routing.count(eu, t.index); i++) {
                all++;
                if (routing.at(eu, t.index, i).newVersion) {
                    fresh++;
                }
            }
        }
        return all == 0 ? 0 : (double) fresh / all;
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
