package imago.sim.engine;

import imago.model.experiment.Experiment;
import imago.model.topology.TierKind;
import imago.model.upgrade.InterfaceChange;
import imago.model.workload.Arrivals;
import imago.model.workload.AsyncInteractions;
import imago.model.workload.RequestType;
import imago.model.workload.Workload;
import imago.sim.metrics.LatencyHistogram;
import imago.sim.metrics.Timeline;
import imago.sim.random.Purpose;
import imago.sim.random.Sampler;
import imago.sim.random.Streams;
import umontreal.ssj.rng.RandomStream;
import umontreal.ssj.simevents.Event;
import umontreal.ssj.simevents.Simulator;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The offered load: sessions arriving in an open (Poisson) process, each sending a geometric
 * number of requests separated by think times; each request traverses its tiers, queueing FIFO at
 * one serving node per tier; some leave an asynchronous callback behind.
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

    private final RandomStream arrivalsRng, sessionsRng, mixRng, serviceRng, asyncRng, racesRng;
    private final Arrivals arrivals;
    private final double meanRequests;
    private final double logContinue;
    private final Sampler think;
    private final RequestTypeRt[] types;
    private final double[] cumulativeWeight;
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
    private Session[] sessionPool = new Session[256];
    private int sessionsPooled;

    private Request[] held = new Request[64];
    private int heldCount;
    private boolean holding;
    private boolean holdPlanned;

    private boolean generating = true;
    private final ArrivalEvent arrival;

    long offered, succeeded, failed, racesError, racesSilent, requestsCreated;

    Traffic(Engine engine, World w, Experiment exp, Streams streams, Timeline timeline, LatencyHistogram latency) {
        this.engine = engine;
        this.w = w;
        this.sim = engine.sim;
        this.timeline = timeline;
        this.latency = latency;
        arrivalsRng = streams.get(Purpose.ARRIVALS);
        sessionsRng = streams.get(Purpose.SESSIONS);
        mixRng = streams.get(Purpose.MIX);
        serviceRng = streams.get(Purpose.SERVICE);
        asyncRng = streams.get(Purpose.ASYNC);
        racesRng = streams.get(Purpose.RACES);

        Workload wl = exp.workload();
        arrivals = wl.arrivals();
        meanRequests = Math.max(1, wl.sessions().meanRequests());
        // Geometric on {1, 2, ...} with mean m: go on after each request with probability 1 - 1/m.
        logContinue = meanRequests > 1 ? Math.log(1 - 1 / meanRequests) : 0;
        think = Sampler.of(wl.sessions().thinkTime());
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

        List<RequestType> mix = wl.mix();
        types = new RequestTypeRt[mix.size()];
        cumulativeWeight = new double[mix.size()];
        double total = 0;
        int longest = 1;
        for (int i = 0; i < mix.size(); i++) {
            RequestType rt = mix.get(i);
            total += rt.weight();
            cumulativeWeight[i] = total;
            types[i] = typeOf(i, rt);
            longest = Math.max(longest, Math.max(types[i].path.length, types[i].callbackPath.length));
            for (int t : types[i].path) {
                w.tiersInUse |= 1L << t;
            }
        }
        if (!(total > 0)) {
            throw new IllegalArgumentException("workload.mix: weights must sum to > 0");
        }
        for (int i = 0; i < cumulativeWeight.length; i++) {
            cumulativeWeight[i] /= total;
        }
        maxPath = longest;
        arrival = new ArrivalEvent(sim);
    }

    private RequestTypeRt typeOf(int index, RequestType rt) {
        int[] path = rt.path().stream().mapToInt(n -> w.tier(n).index).toArray();
        // A callback runs back to the tier where the interface lives: the path up to it (or to the
        // last service tier when the interface did not change), without the data behind it.
        int target = interfaceTier;
        if (target < 0) {
            target = path[path.length - 1];
            for (int t : path) {
                if (w.tiers[t].kind == TierKind.SERVICE) {
                    target = t;
                }
            }
        }
        int at = -1;
        for (int i = 0; i < path.length; i++) {
            if (path[i] == target) {
                at = i;
                break;
            }
        }
        int[] callbackPath = at >= 0 ? Arrays.copyOf(path, at + 1)
                : path[0] == target ? new int[] {target} : new int[] {path[0], target};
        int producerHop = at >= 0 ? at : path.length - 1;
        return new RequestTypeRt(index, rt.write(), path, touchesData(path), producerHop,
                callbackPath, touchesData(callbackPath), callbackPath.length - 1);
    }

    private boolean touchesData(int[] path) {
        for (int t : path) {
            if (w.tiers[t].kind == TierKind.DATABASE) {
                return true;
            }
        }
        return false;
    }

    // ------------------------------------------------------------------ sessions

    void start() {
        scheduleNextArrival();
    }

    private void scheduleNextArrival() {
        double max = arrivals.maxRate() / meanRequests;
        if (!(max > 0)) {
            return;
        }
        if (arrivals instanceof Arrivals.Poisson) {
            arrival.schedule(exponential(arrivalsRng, max));
            return;
        }
        // A rate profile: thinning of a Poisson process at the highest rate.
        double now = sim.time();
        double t = now;
        while (true) {
            t += exponential(arrivalsRng, max);
            double rate = arrivals.rateAt(engine.windowTime(t)) / meanRequests;
            if (arrivalsRng.nextDouble() * max <= rate) {
                break;
            }
        }
        arrival.schedule(t - now);
    }

    /** Inversion as in SSJ's ExponentialGen, with the intrinsic Math.log (see Sampler). */
    private static double exponential(RandomStream s, double rate) {
        return -Math.log(1.0 - s.nextDouble()) / rate;
    }

    private final class ArrivalEvent extends Event {
        ArrivalEvent(Simulator sim) {
            super(sim);
        }

        @Override
        public void actions() {
            engine.events++;
            if (!generating) {
                return;
            }
            Session s = sessionsPooled > 0 ? sessionPool[--sessionsPooled] : new Session(sim, Traffic.this);
            s.active = true;
            s.outstanding = 0;
            s.thinking = false;
            s.remaining = meanRequests > 1
                    ? 1 + (int) Math.min(1e9, Math.floor(Math.log(sessionsRng.nextDouble()) / logContinue))
                    : 1;
            sessionNext(s);
            scheduleNextArrival();
        }
    }

    void sessionNext(Session s) {
        if (!generating) {
            s.remaining = 0;
            maybeEnd(s);
            return;
        }
        sendPrimary(s);
        if (s.remaining > 0) {
            s.thinking = true;
            // Think time counts from the send, not the response: the load stays open.
            s.schedule(think.sample(sessionsRng));
        } else {
            maybeEnd(s);
        }
    }

    private void maybeEnd(Session s) {
        if (s.active && s.remaining == 0 && !s.thinking && s.outstanding == 0) {
            s.active = false;
            if (sessionsPooled == sessionPool.length) {
                sessionPool = Arrays.copyOf(sessionPool, sessionsPooled * 2);
            }
            sessionPool[sessionsPooled++] = s;
        }
    }

    void stopGenerating() {
        generating = false;
        arrival.cancel();
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

    private void sendPrimary(Session s) {
        Request r = obtain();
        requestsCreated++;
        r.session = s;
        s.remaining--;
        s.outstanding++;
        double u = mixRng.nextDouble();
        int k = 0;
        while (k < cumulativeWeight.length - 1 && u >= cumulativeWeight[k]) {
            k++;
        }
        RequestTypeRt t = types[k];
        r.type = t;
        r.path = t.path;
        r.write = t.write;
        r.touchesData = t.touchesData;
        r.callback = false;
        r.willCallback = false;
        if (asyncFraction > 0 && asyncRng.nextDouble() < asyncFraction) {
            r.willCallback = true;
            r.callbackDelay = asyncDelay.sample(asyncRng);
            r.raceDraw = racesRng.nextDouble();
        }
        int[] path = t.path;
        for (int h = 0; h < path.length; h++) {
            r.service[h] = w.tiers[path[h]].service.sample(serviceRng);
        }
        begin(r);
    }

    /** The request leaves the client now. */
    private void begin(Request r) {
        double now = sim.time();
        r.sendTime = now;
        r.deadline = now + timeout;
        r.hop = 0;
        r.timeoutPlanned = false;
        r.inWindow = engine.inWindow(now);
        if (r.inWindow) {
            r.bin = engine.bin(now);
            timeline.offered(r.bin);
            offered++;
        }
        if (holding) {
            r.state = Request.HELD;
            r.timeoutPlanned = holdPlanned;
            if (heldCount == held.length) {
                held = Arrays.copyOf(held, heldCount * 2);
            }
            held[heldCount++] = r;
            return;
        }
        enter(r);
    }

    private void enter(Request r) {
        // A draining switch sends a callback back to the universe whose page issued it (the
        // Strategy's drainSessions); everything else goes where the ingress now points.
        r.universe = w.affinity && r.home >= 0 ? r.home : w.servingUniverse;
        route(r);
    }

    private void route(Request r) {
        TierRt t = w.tiers[r.path[r.hop]];
        NodeRt n = w.routing.pick(w.effective(t, r.universe), t.index);
        if (n == null) {
            fail(r, w.recovering ? Admission.UNPLANNED : Admission.PLANNED);
            return;
        }
        int verdict = w.admission.admit(r, n, t, r.universe);
        if (verdict != Admission.OK) {
            fail(r, verdict);
            return;
        }
        if (r.callback && raceable && t.index == interfaceTier && r.producerNew != n.newVersion) {
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
        r.schedule(r.service[r.hop]);
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
        }
        if (r.write) {
            w.data.of(r.universe).writesAcked++;
        }
        if (r.willCallback && !r.callback && generating) {
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
            c.service[h] = w.tiers[c.path[h]].service.sample(serviceRng);
        }
        c.state = Request.ASYNC_WAIT;
        c.schedule(r.callbackDelay);
    }

    void callbackDue(Request c) {
        if (!generating) {
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
        Session s = r.session;
        r.session = null;
        if (pooled == pool.length) {
            pool = Arrays.copyOf(pool, pooled * 2);
        }
        pool[pooled++] = r;
        s.outstanding--;
        maybeEnd(s);
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
        holding = true;
        holdPlanned = planned;
    }

    void releaseHeld() {
        holding = false;
        double now = sim.time();
        int n = heldCount;
        heldCount = 0;
        for (int i = 0; i < n; i++) {
            Request r = held[i];
            held[i] = null;
            if (now > r.deadline) {
                fail(r, r.timeoutPlanned ? Admission.PLANNED : Admission.UNPLANNED);
            } else {
                enter(r);
            }
        }
    }

    /** At the very end: requests of the window still unresolved have timed out. */
    void flushUnresolved() {
        for (int i = 0; i < created; i++) {
            Request r = all[i];
            if (r.inWindow && (r.state == Request.QUEUED || r.state == Request.IN_SERVICE || r.state == Request.HELD)) {
                timeline.failed(r.bin, r.timeoutPlanned);
                failed++;
                r.inWindow = false;
            }
        }
    }

    int poolSize() {
        return created;
    }
}
