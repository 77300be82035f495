package imago.sim.engine;

import imago.model.experiment.Experiment;
import imago.model.upgrade.InterfaceChange;
import imago.model.workload.AsyncInteractions;
import imago.model.workload.Workload;
import imago.sim.metrics.LatencyHistogram;
import imago.sim.metrics.Timeline;
import imago.sim.random.Purpose;
import imago.sim.random.Sampler;
import imago.sim.random.Streams;
import umontreal.ssj.rng.RandomStream;
import umontreal.ssj.simevents.Simulator;

import java.util.Arrays;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Requests on their way: each traverses its tiers, queueing FIFO at one serving node per tier;
 * some leave an asynchronous callback behind, which may race with a changed interface. The
 * clients that send them are {@link Sessions}; a switch's hold is {@link SwitchHold}.
 *
 * <p>Everything a primary request will need at random (its type, whether it issues a callback,
 * the callback's delay, the race draw, its service demand at every hop) is drawn when it is
 * created, from per-purpose streams, and sessions send on a clock that does not depend on
 * responses: so every strategy is offered exactly the same primary requests (common random
 * numbers), and the offered load does not drop when the system is down.
 */
final class Traffic {
    final Engine engine;
    private final World w;
    private final Simulator sim;
    private final Timeline timeline;
    private final LatencyHistogram latency;

    private final RandomStream mixRng, serviceRng, asyncRng, racesRng;
    private final Sessions sessions;
    private final RequestMix mix;
    private final double asyncFraction;
    private final Sampler asyncDelay;
    private final boolean raceable;
    private final int interfaceTier;
    private final double errorP, silentP;
    private final double timeout;
    private final int maxPath;

    private Request[] pool = new Request[256];
    private int pooled;
    private Request[] all = new Request[256];
    private int created;
    private final SwitchHold hold = new SwitchHold();
    private final Consumer<Request> releaseOne = this::released;

    long offered, succeeded, failed, racesError, racesSilent, requestsCreated;
    /** The new version's requests under a canary, for its analyses. */
    final CanaryMeter canaryMeter = new CanaryMeter();
    /** Primary reads sent per request type, ever: the stream a runtime test replays a share of. */
    private final long[] readsSent;
    /** Requests of the window that failed other than by the plan's intent. */
    long unplannedFailed;

    Traffic(Engine engine, World w, Experiment exp, Streams streams, Timeline timeline, LatencyHistogram latency) {
        this.engine = engine;
        this.w = w;
        this.sim = engine.sim;
        this.timeline = timeline;
        this.latency = latency;
        mixRng = streams.get(Purpose.MIX);
        serviceRng = streams.get(Purpose.SERVICE);
        asyncRng = streams.get(Purpose.ASYNC);
        racesRng = streams.get(Purpose.RACES);

        Workload wl = exp.workload();
        timeout = wl.timeoutS();

        AsyncInteractions async = wl.async();
        asyncFraction = async.fraction();
        asyncDelay = Sampler.of(async.delay());
        Optional<InterfaceChange> changed = exp.upgrade().interfaces().stream()
                .filter(i -> i.name().equals(async.interfaceName())).findFirst();
        raceable = asyncFraction > 0 && exp.upgrade().changesInterface(async.interfaceName());
        interfaceTier = changed.map(i -> w.tier(i.fromTier()).index).orElse(-1);
        errorP = async.errorProbability();
        silentP = async.silentProbability();

        mix = new RequestMix(wl.mix(), async, w, interfaceTier);
        maxPath = mix.maxPath;
        readsSent = new long[mix.size()];
        sessions = new Sessions(engine, this, wl, streams);
    }

    RequestMix mix() {
        return mix;
    }

    /** Primary reads sent so far, per request type. */
    long[] readsSent() {
        return readsSent.clone();
    }

    void start() {
        sessions.start();
    }

    void stopGenerating() {
        sessions.stop();
    }

    // ------------------------------------------------------------------ requests

    private Request obtain() {
        if (pooled > 0) {
            return pool[--pooled];
        }
        Request r = new Request(sim, this, created, maxPath);
        if (created == all.length) {
            all = Arrays.copyOf(all, created * 2);
        }
        all[created++] = r;
        return r;
    }

    void sendPrimary(Session s) {
        Request r = obtain();
        requestsCreated++;
        r.session = s;
        s.remaining--;
        s.outstanding++;
        RequestTypeRt t = mix.pick(mixRng.nextDouble());
        if (!t.write) {
            readsSent[t.index]++;
        }
        r.type = t;
        r.path = t.path;
        r.write = t.write;
        r.touchesData = t.touchesData;
        r.callback = false;
        r.willCallback = false;
        // One draw per request whatever its type, so the stream stays aligned across configurations.
        if (asyncFraction > 0 && asyncRng.nextDouble() < t.callbackProbability) {
            r.willCallback = true;
            r.callbackDelay = asyncDelay.sample(asyncRng);
            r.raceDraw = racesRng.nextDouble();
        }
        int[] path = t.path;
        for (int h = 0; h < path.length; h++) {
            r.service[h] = w.tiers[path[h]].service.sample(serviceRng) * t.cost;
        }
        begin(r);
    }

    /** The request leaves the client now. */
    private void begin(Request r) {
        double now = sim.time();
        r.sendTime = now;
        r.deadline = now + timeout;
        r.hop = 0;
        r.via[0] = null;
        r.timeoutPlanned = false;
        r.inWindow = engine.inWindow(now);
        if (r.inWindow) {
            r.bin = engine.bin(now);
            timeline.offered(r.bin);
            offered++;
        }
        if (!hold.tryHold(r)) {
            enter(r);
        }
    }

    private void enter(Request r) {
        // A draining switch sends a callback back to the universe whose page issued it (the
        // Strategy's drainSessions); everything else goes where the ingress now points.
        r.universe = w.affinity && r.home >= 0 ? r.home : w.servingUniverse;
        r.version = version(r.session);
        route(r);
    }

    /**
     * Where a canary's ingress sends a request of session {@code s} in upgraded tiers: -1 (any
     * node) before a weight is set; at 0 or 100 every session goes to one version; in between a
     * session is pinned, on its first request, to the new version with probability weight / 100,
     * and stays there (sticky), so its callbacks return to the version that produced its page.
     */
    private int version(Session s) {
        int weight = w.weight;
        if (weight < 0) {
            return -1;
        }
        if (weight == 0 || weight == 100) {
            return weight == 100 ? 1 : 0;
        }
        if (s.version < 0) {
            s.version = s.canaryDraw * 100 < weight ? 1 : 0;
        }
        return s.version;
    }

    private void route(Request r) {
        TierRt t = w.tiers[r.path[r.hop]];
        int eu = w.effective(t, r.universe);
        NodeRt n = r.version >= 0 && t.upgraded ? w.routing.pick(eu, t.index, r.version) : w.routing.pick(eu, t.index);
        r.via[r.hop] = n;
        if (n == null) {
            fail(r, w.recovering ? Admission.UNPLANNED : Admission.PLANNED);
            return;
        }
        engine.monitor.reached(n);
        int verdict = w.admission.admit(r, n, t, r.universe);
        boolean mixed = r.callback && raceable && t.index == interfaceTier && r.producerNew != n.newVersion;
        if (verdict != Admission.OK) {
            // A mixed-version interaction that fails is a visible race whatever breaks it (DESIGN
            // §3), as the executor counts a callback whose producer's version is not its server's.
            if (mixed && r.inWindow) {
                racesError++;
            }
            fail(r, verdict);
            return;
        }
        if (mixed) {
            // A mixed-version race on the changed interface.
            if (r.raceDraw < errorP) {
                if (r.inWindow) {
                    racesError++;
                }
                fail(r, Admission.UNPLANNED);
                return;
            }
            if (r.raceDraw < errorP + silentP && r.inWindow) {
                racesSilent++;
            }
        }
        r.node = n;
        n.inflight++;
        if (n.busy < t.servers) {
            startService(r, n);
        } else {
            r.state = Request.QUEUED;
            n.enqueue(r);
        }
    }

    private void startService(Request r, NodeRt n) {
        n.busy++;
        r.state = Request.IN_SERVICE;
        // A conversion or sync reading this database, or on shared processors any, slows its
        // service (UniverseData#serviceFactor), and so does a started node's warm-up; factors of 1
        // leave the drawn time exact.
        double now = sim.time();
        double warm = Double.isNaN(n.warmingSince) ? 1 : n.tier.warmup(now - n.warmingSince);
        r.schedule(r.service[r.hop] * w.data.serviceFactor(n.tier, n.universe, now) * warm);
    }

    void serviceDone(Request r) {
        NodeRt n = r.node;
        TierRt t = n.tier;
        double now = sim.time();
        n.busy--;
        n.inflight--;
        while (n.queued > 0 && n.busy < t.servers) {
            Request q = n.dequeue();
            if (now > q.deadline) {
                // The client gave up already: drop it rather than serve it.
                n.inflight--;
                fail(q, q.timeoutPlanned ? Admission.PLANNED : Admission.UNPLANNED);
            } else {
                startService(q, n);
            }
        }
        if (n.inflight == 0 && n.drainWaiter != null) {
            n.drainWaiter.drained();
        }
        r.node = null;
        if (!n.running) {
            fail(r, w.recovering ? Admission.UNPLANNED : Admission.PLANNED);
            return;
        }
        int producerHop = r.callback ? r.type.callbackProducerHop : r.type.producerHop;
        if (r.hop == producerHop) {
            r.ifaceNew = n.newVersion;
        }
        r.prevNew = n.newVersion;
        r.prevTier = t.index;
        if (now - r.sendTime > timeout) {
            fail(r, r.timeoutPlanned ? Admission.PLANNED : Admission.UNPLANNED);
            return;
        }
        if (++r.hop == r.path.length) {
            succeed(r, now);
        } else {
            route(r);
        }
    }

    private void succeed(Request r, double now) {
        if (r.inWindow) {
            timeline.succeeded(r.bin);
            succeeded++;
            latency.add(now - r.sendTime);
            engine.servedDuringUpgrade(now - r.sendTime);
        }
        if (r.version == 1) {
            canaryMeter.answered(now - r.sendTime);
        }
        if (r.write) {
            w.data.of(r.universe).writesAcked++;
        }
        if (r.willCallback && !r.callback && sessions.generating()) {
            spawnCallback(r);
        }
        release(r);
    }

    private void spawnCallback(Request r) {
        Request c = obtain();
        requestsCreated++;
        RequestTypeRt t = r.type;
        c.session = r.session;
        c.session.outstanding++;
        c.type = t;
        c.path = t.callbackPath;
        c.callback = true;
        c.write = false;
        c.touchesData = t.callbackTouchesData;
        c.willCallback = false;
        c.producerNew = r.ifaceNew;
        c.raceDraw = r.raceDraw;
        c.home = r.universe;
        w.pinned[c.home]++;
        for (int h = 0; h < c.path.length; h++) {
            c.service[h] = w.tiers[c.path[h]].service.sample(serviceRng) * t.callbackCost;
        }
        c.state = Request.ASYNC_WAIT;
        c.schedule(r.callbackDelay);
    }

    void callbackDue(Request c) {
        if (!sessions.generating()) {
            release(c);
            return;
        }
        begin(c);
    }

    private void fail(Request r, int verdict) {
        if (r.inWindow) {
            timeline.failed(r.bin, verdict == Admission.PLANNED);
            failed++;
        }
        if (r.version == 1) {
            canaryMeter.failed();
        }
        if (verdict == Admission.UNPLANNED) {
            if (r.inWindow) {
                unplannedFailed++;
            }
            for (int h = 0; h <= r.hop; h++) {
                if (r.via[h] != null) {
                    engine.monitor.failed(r.via[h]);
                }
            }
        }
        release(r);
    }

    private void release(Request r) {
        if (r.home >= 0) {
            int home = r.home;
            r.home = -1;
            w.callbackEnded(home);
        }
        r.state = Request.FREE;
        r.node = null;
        r.version = -1;
        Session s = r.session;
        r.session = null;
        if (pooled == pool.length) {
            pool = Arrays.copyOf(pool, pooled * 2);
        }
        pool[pooled++] = r;
        s.outstanding--;
        sessions.maybeEnd(s);
    }

    /** Fails the requests queued at a node that stops or goes away. */
    void flush(NodeRt n, int verdict) {
        while (n.queued > 0) {
            Request q = n.dequeue();
            n.inflight--;
            fail(q, verdict);
        }
    }

    // ------------------------------------------------------------------ switch hold

    void hold(boolean planned) {
        hold.hold(planned);
    }

    void releaseHeld() {
        hold.release(releaseOne);
    }

    /** A held request goes on, unless its client gave up meanwhile. */
    private void released(Request r) {
        if (sim.time() > r.deadline) {
            fail(r, r.timeoutPlanned ? Admission.PLANNED : Admission.UNPLANNED);
        } else {
            enter(r);
        }
    }

    /** At the very end: requests of the window still unresolved have timed out. */
    void flushUnresolved() {
        for (int i = 0; i < created; i++) {
            Request r = all[i];
            if (r.inWindow && (r.state == Request.QUEUED || r.state == Request.IN_SERVICE || r.state == Request.HELD)) {
                timeline.failed(r.bin, r.timeoutPlanned);
                failed++;
                if (!r.timeoutPlanned) {
                    unplannedFailed++;
                }
                r.inWindow = false;
            }
        }
    }

    int poolSize() {
        return created;
    }
}
