package imago.sim.engine;

import imago.model.workload.Arrivals;
import imago.model.workload.Workload;
import imago.sim.random.Purpose;
import imago.sim.random.Sampler;
import imago.sim.random.Streams;
import umontreal.ssj.rng.RandomStream;
import umontreal.ssj.simevents.Event;
import umontreal.ssj.simevents.Simulator;

import java.util.Arrays;

/**
 * The clients: sessions arriving in an open (Poisson, or thinned rate-profile) process, each
 * sending a geometric number of requests separated by think times counted from each send, so the
 * offered load does not depend on responses. Sessions are pooled.
 */
final class Sessions {
    private final Engine engine;
    private final Traffic traffic;
    private final Simulator sim;
    private final RandomStream arrivalsRng, sessionsRng, canaryRng;
    private final Arrivals arrivals;
    private final double meanRequests;
    private final double logContinue;
    private final Sampler think;
    private final ArrivalEvent arrival;

    private Session[] pool = new Session[256];
    private int pooled;
    private boolean generating = true;

    Sessions(Engine engine, Traffic traffic, Workload wl, Streams streams) {
        this.engine = engine;
        this.traffic = traffic;
        this.sim = engine.sim;
        arrivalsRng = streams.get(Purpose.ARRIVALS);
        sessionsRng = streams.get(Purpose.SESSIONS);
        canaryRng = streams.get(Purpose.CANARY);
        arrivals = wl.arrivals();
        meanRequests = Math.max(1, wl.sessions().meanRequests());
        // Geometric on {1, 2, ...} with mean m: go on after each request with probability 1 - 1/m.
        logContinue = meanRequests > 1 ? Math.log(1 - 1 / meanRequests) : 0;
        think = Sampler.of(wl.sessions().thinkTime());
        arrival = new ArrivalEvent(sim);
    }

    /** Whether clients still send (the window has not ended). */
    boolean generating() {
        return generating;
    }

    void start() {
        scheduleNextArrival();
    }

    void stop() {
        generating = false;
        arrival.cancel();
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
            Session s = pooled > 0 ? pool[--pooled] : new Session(sim, Sessions.this);
            s.active = true;
            s.outstanding = 0;
            s.thinking = false;
            s.canaryDraw = canaryRng.nextDouble();
            s.version = -1;
            s.remaining = meanRequests > 1
                    ? 1 + (int) Math.min(1e9, Math.floor(Math.log(sessionsRng.nextDouble()) / logContinue))
                    : 1;
            next(s);
            scheduleNextArrival();
        }
    }

    /** Session {@code s} sends its next request, then thinks or ends. */
    void next(Session s) {
        if (!generating) {
            s.remaining = 0;
            maybeEnd(s);
            return;
        }
        traffic.sendPrimary(s);
        if (s.remaining > 0) {
            s.thinking = true;
            // Think time counts from the send, not the response: the load stays open.
            s.schedule(think.sample(sessionsRng));
        } else {
            maybeEnd(s);
        }
    }

    /** A session with nothing left to send or wait for goes back to the pool. */
    void maybeEnd(Session s) {
        if (s.active && s.remaining == 0 && !s.thinking && s.outstanding == 0) {
            s.active = false;
            if (pooled == pool.length) {
                pool = Arrays.copyOf(pool, pooled * 2);
            }
            pool[pooled++] = s;
        }
    }

    void countEvent() {
        engine.events++;
    }
}
