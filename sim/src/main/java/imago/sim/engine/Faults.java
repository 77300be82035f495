package imago.sim.engine;

import imago.model.dist.Dist;
import imago.model.fault.FaultInjection;
import imago.model.fault.FaultModel;
import imago.model.fault.FaultType;
import imago.model.metrics.Exposure;
import imago.model.plan.PlannedStep;
import imago.model.plan.StepKind;
import imago.sim.InjectedFault;
import imago.sim.random.Purpose;
import imago.sim.random.Sampler;
import imago.sim.random.Streams;
import umontreal.ssj.rng.RandomStream;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Fault injection and the life of each fault (DESIGN §4). A step execution on a target draws at
 * most one fault from the model. On a node that live traffic reaches (production, for in-place and
 * rolling) the fault fails requests from the moment the node serves until repaired: it is detected
 * when the {@link ProductionMonitor} sees its node fail, if ever, and repaired after a repair time
 * drawn from the model.
 * In a universe without live traffic (Imago's parallel universe) it lies latent: a runtime test
 * catches it when the production reads it replays exercise it ({@link RuntimeTestReplay}), else
 * it escapes and goes live with the switch.
 */
final class Faults {
    private static final FaultType[] TYPES = FaultType.values();

    private final Engine engine;
    private final World w;
    private final FaultModel model;
    private final boolean empty;
    /** Faults the scenario gives (fault: in the config); each is injected once, at its first matching step. */
    private final List<FaultInjection> given;
    private final boolean[] givenUsed;
    private final RandomStream draws;
    private final RandomStream times;
    private final Map<FaultType, Sampler> repair = new EnumMap<>(FaultType.class);
    /** A Start on a node carrying a fault of a listed type takes this long ({@code Upgrade#faultyStartTimes}). */
    private final Map<FaultType, Sampler> faultyStart = new EnumMap<>(FaultType.class);

    final List<FaultRt> all = new ArrayList<>();
    private final List<FaultRt> pending = new ArrayList<>();
    int injected, reachedProduction, caught, escaped;

    Faults(Engine engine, World w, FaultModel model, List<FaultInjection> given, Map<FaultType, Dist> faultyStartTimes,
           Streams streams) {
        this.engine = engine;
        this.w = w;
        this.model = model;
        this.given = List.copyOf(given);
        this.givenUsed = new boolean[given.size()];
        this.empty = model.isEmpty() && given.isEmpty();
        this.draws = streams.get(Purpose.FAULTS);
        this.times = streams.get(Purpose.FAULT_TIMES);
        // A model without times (none) may still see given faults: they take the hand-written times.
        FaultModel fallback = FaultModel.handWritten();
        for (FaultType t : TYPES) {
            repair.put(t, Sampler.of(model.repair().getOrDefault(t, fallback.repair().get(t))));
        }
        faultyStartTimes.forEach((t, d) -> faultyStart.put(t, Sampler.of(d)));
    }

    /**
     * How long a Start of {@code n} takes because of a fault it carries that has not served yet
     * (latent, or waiting for the node to serve), when its type changes that; else empty. The
     * first such fault decides.
     */
    Optional<Sampler> startTime(NodeRt n) {
        if (faultyStart.isEmpty()) {
            return Optional.empty();
        }
        for (FaultRt f : all) {
            boolean unserved = f.state == FaultRt.LATENT || f.state == FaultRt.MISSED || f.state == FaultRt.PENDING;
            if (f.node == n && unserved && faultyStart.containsKey(f.type)) {
                return Optional.of(faultyStart.get(f.type));
            }
        }
        return Optional.empty();
    }

    /**
     * One execution of {@code step} on {@code node} (null: a step without targets) ended: draw
     * whether it introduced a fault. One uniform per execution, faulty or not, so the fault
     * stream stays aligned across scenarios.
     */
    void draw(PlannedStep step, NodeRt node, int universe) {
        double u = draws.nextDouble();
        if (empty) {
            return;
        }
        StepKind kind = step.step().kind();
        double c = 0;
        FaultType hit = givenAt(step, node);
        for (int i = 0; hit == null && i < TYPES.length; i++) {
            FaultType t = TYPES[i];
            c += model.probability(kind, t);
            if (u < c) {
                hit = t;
                break;
            }
        }
        if (hit == null) {
            return;
        }
        NodeRt target = node != null ? node : defaultTarget(universe);
        FaultRt f = new FaultRt(hit, step, target, universe, engine.now());
        if (hit == FaultType.DATA_ACCESS && kind == StepKind.CONVERT_DATA && target != null) {
            // A conversion step left out: drawn as the conversion begins (TargetRun), so the
            // table is never swapped, old code keeps using it and new code fails on it.
            f.skippedTables = w.data.skipNeededTable(w.data.universeOf(universe));
        }
        all.add(f);
        injected++;
        if (target == null) {
            f.state = FaultRt.GONE;
        } else if (w.live(target)) {
            f.state = FaultRt.PENDING;
            pending.add(f);
            checkActivations();
        } else {
            f.state = FaultRt.LATENT;
        }
    }

    /** The type of a given fault due at this execution of {@code step} on {@code node}, else null. */
    private FaultType givenAt(PlannedStep step, NodeRt node) {
        if (node == null) {
            return null;
        }
        for (int i = 0; i < given.size(); i++) {
            FaultInjection f = given.get(i);
            if (!givenUsed[i] && f.matches(step) && f.target().equals(node.name)) {
                givenUsed[i] = true;
                return f.type();
            }
        }
        return null;
    }

    /** A step without targets breaks the first upgraded node of its universe that exists. */
    private NodeRt defaultTarget(int universe) {
        for (NodeRt n : w.upgradedNodes(universe)) {
            if (n.exists) {
                return n;
            }
        }
        return null;
    }

    /** Live faults whose node now serves start failing requests. */
    void checkActivations() {
        if (pending.isEmpty()) {
            return;
        }
        for (int i = 0; i < pending.size(); i++) {
            FaultRt f = pending.get(i);
            if (f.node.serving() && w.live(f.node)) {
                pending.remove(i--);
                activate(f);
            }
        }
    }

    private void activate(FaultRt f) {
        f.state = FaultRt.ACTIVE;
        f.activatedAt = engine.now();
        reachedProduction++;
        count(f, +1);
    }

    private void count(FaultRt f, int delta) {
        if (f.skippedTables != 0) {
            return; // its effect is the unconverted table, which the admission rule already checks
        }
        switch (f.type) {
            case SIMPLE_CONFIG, BROKEN_ENVIRONMENT -> f.node.faultAll += delta;
            case SEMANTIC_CONFIG -> f.node.faultShare += delta;
            case DATA_ACCESS -> f.node.faultData += delta;
        }
    }

    /**
     * The monitor saw node {@code n} fail: its active faults are detected, and so are the live
     * faults of the tiers behind it, whose failures the requests it passed on brought back. Returns
     * whether any fault explains the failures (one detected earlier and not yet repaired included);
     * else the new version itself is what fails.
     */
    boolean detectedOn(NodeRt n) {
        boolean any = false;
        for (int i = 0; i < all.size(); i++) {
            FaultRt f = all.get(i);
            if (f.state == FaultRt.ACTIVE && (f.node == n
                    || (w.live(f.node) && (w.downstream[n.tier.index] & (1L << f.node.tier.index)) != 0))) {
                any = true;
                if (Double.isNaN(f.detectedAt)) {
                    detected(f);
                }
            }
        }
        return any;
    }

    /** Each fault that reached production, with when it did and when the monitor detected it. */
    List<Exposure.Detection> detections() {
        List<Exposure.Detection> out = new ArrayList<>();
        for (FaultRt f : all) {
            if (!Double.isNaN(f.activatedAt)) {
                out.add(new Exposure.Detection(f.activatedAt, f.detectedAt));
            }
        }
        return out;
    }

    private void detected(FaultRt f) {
        f.detectedAt = engine.now();
        double r = repair.get(f.type).sample(times);
        f.repairEvent = engine.at(r, () -> repaired(f));
        engine.faultDetected(f);
    }

    private void repaired(FaultRt f) {
        if (f.state == FaultRt.ACTIVE) {
            f.state = FaultRt.REPAIRED;
            f.repairedAt = engine.now();
            count(f, -1);
            if (f.skippedTables != 0) { // the skipped step is run now
                w.data.convertSkipped(w.data.universeOf(f.universe), f.skippedTables);
                w.changed();
            }
            engine.monitor.forget();
        }
    }

    /** A node is rolled back or restored: its faults go with its new version. */
    void clearNode(NodeRt n, boolean dataOnly) {
        for (FaultRt f : all) {
            if (f.node != n || (dataOnly && f.type != FaultType.DATA_ACCESS)) {
                continue;
            }
            if (f.state == FaultRt.ACTIVE) {
                f.state = FaultRt.REPAIRED;
                f.repairedAt = engine.now();
                count(f, -1);
                if (f.repairEvent != null) {
                    f.repairEvent.cancel();
                }
                engine.monitor.forget();
            } else if (f.state == FaultRt.PENDING) {
                f.state = FaultRt.GONE;
                pending.remove(f);
            }
        }
    }

    /**
     * A runtime test of universe {@code u} ends: the latent faults the reads it replayed exercised
     * ({@link RuntimeTestReplay}) are caught and repaired, one after another; the rest escape.
     * Returns the repair time the test is extended by.
     */
    double runtimeTest(int u, double coverage, RuntimeTestReplay replay) {
        List<FaultRt> latent = new ArrayList<>();
        for (FaultRt f : all) {
            if (f.state == FaultRt.LATENT && f.node.universe == u) {
                latent.add(f);
            }
        }
        if (latent.isEmpty()) {
            return 0; // nothing to judge, nothing drawn
        }
        boolean[] caughtNow = replay.judge(u, coverage, latent, draws);
        double extension = 0;
        for (int i = 0; i < latent.size(); i++) {
            FaultRt f = latent.get(i);
            if (caughtNow[i]) {
                f.state = FaultRt.CAUGHT;
                caught++;
                extension += repair.get(f.type).sample(times);
                f.repairedAt = engine.now() + extension;
                if (f.skippedTables != 0) { // the repair runs the skipped step before the switch
                    w.data.convertSkipped(w.data.universeOf(f.universe), f.skippedTables);
                }
            } else {
                f.state = FaultRt.MISSED;
                f.escaped = true;
                escaped++;
            }
        }
        return extension;
    }

    /** Traffic switched to universe {@code u}: what was not caught there goes live. */
    void switchedTo(int u) {
        for (FaultRt f : all) {
            if ((f.state == FaultRt.LATENT || f.state == FaultRt.MISSED) && f.node.universe == u) {
                if (!f.escaped) {
                    f.escaped = true; // no runtime test looked at it
                    escaped++;
                }
                f.state = FaultRt.PENDING;
                pending.add(f);
            }
        }
    }

    List<InjectedFault> report() {
        List<InjectedFault> out = new ArrayList<>(all.size());
        for (FaultRt f : all) {
            InjectedFault.Fate fate;
            if (f.state == FaultRt.CAUGHT) {
                fate = InjectedFault.Fate.CAUGHT;
            } else if (f.escaped) {
                fate = InjectedFault.Fate.ESCAPED;
            } else if (!Double.isNaN(f.activatedAt)) {
                fate = InjectedFault.Fate.REACHED_PRODUCTION;
            } else {
                fate = InjectedFault.Fate.DORMANT;
            }
            out.add(new InjectedFault(f.type, f.step.number(), f.step.step().kind(), World.universe(f.universe),
                    f.node == null ? "" : f.node.name, engine.windowTime(f.injectedAt), fate,
                    time(f.activatedAt), time(f.detectedAt), time(f.repairedAt)));
        }
        return out;
    }

    private OptionalDouble time(double t) {
        return Double.isNaN(t) ? OptionalDouble.empty() : OptionalDouble.of(engine.windowTime(t));
    }
}
