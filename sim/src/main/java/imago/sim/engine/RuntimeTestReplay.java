package imago.sim.engine;

import imago.model.fault.FaultType;
import umontreal.ssj.probdist.BinomialDist;
import umontreal.ssj.rng.RandomStream;

import java.util.List;

/**
 * The runtime test as traffic (README, "The simulator"). While the test runs, production's own
 * stream goes on; the test replays the share {@code coverage} of the reads production sends (reads
 * only, as the executor: a replayed write would change the data both universes hold) against the
 * universe under test, each read through one node per tier of its type's path, as that universe's
 * round-robin routing picks them. A latent fault is caught when a replayed read exercises what it
 * broke, by {@link Admission}'s rule: any request on a node with a fault failing all, the partial
 * share of them on one failing a share, those touching data on a data-access fault. So the catch
 * probability follows from the test's duration, the request rate, the mix and the coverage; a
 * fault no replayed read can see (a tier only writes reach, a data fault where reads touch no
 * data, a node not serving) escapes whatever the test's length.
 *
 * <p>Sampled, not simulated: the replayed reads would not change what production sees (the
 * universe under test takes no live traffic), so instead of sending them as events the test
 * draws, with the same distribution as sending them: how many of each read type's production
 * reads were replayed (a binomial thinning of the reads actually sent, one uniform per read type
 * by inversion); how many of them each node got (round-robin from the routing's next position, so
 * no draw); and per fault whether one of its node's replayed reads exercised it (one uniform per
 * fault): a share fault misses a read with probability 1 - share, and a node's reads are a
 * uniformly random subset of its tier's (the types are drawn independently of the arrivals), so
 * it got no data-touching read with hypergeometric probability. Faults of the same node and
 * effect are judged by one uniform, the first's: the same reads exercise them. Each fault's catch
 * probability is exactly that of the event way; joint outcomes across nodes of one tier are drawn
 * independently. A request failing at an earlier faulty hop still counts as exercising the later
 * ones: the caught faults are repaired and the test re-run (its extension).
 *
 * <p>Only injected faults are judged. The hidden dependencies the upgrade itself breaks
 * ({@link Admission}) cannot break in Imago's parallel universe at the test: every node there
 * runs the new version, its data was converted and synced before the test, and no caller from
 * an upgraded tier runs the other version.
 */
final class RuntimeTestReplay {
    private final World w;
    private final Traffic traffic;
    private long[] sentAtBegin;

    RuntimeTestReplay(World w, Traffic traffic) {
        this.w = w;
        this.traffic = traffic;
    }

    /** The test begins: production's reads from now on are what it replays a share of. */
    void begin() {
        sentAtBegin = traffic.readsSent();
    }

    /**
     * The test of universe {@code u} ends: whether the reads it replayed caught each of {@code
     * latent} (faults of universe {@code u}). Draws one uniform per read type of the mix, then one
     * per fault, from {@code draws}.
     */
    boolean[] judge(int u, double coverage, List<FaultRt> latent, RandomStream draws) {
        RequestMix mix = traffic.mix();
        long[] sent = traffic.readsSent();
        int[] replayed = new int[mix.size()];
        for (int i = 0; i < mix.size(); i++) {
            if (!mix.type(i).write) {
                replayed[i] = thinned(Math.toIntExact(sent[i] - sentAtBegin[i]), coverage, draws.nextDouble());
            }
        }
        double share = w.admission.partialShare();
        double[] uniforms = new double[latent.size()];
        boolean[] caught = new boolean[latent.size()];
        for (int k = 0; k < latent.size(); k++) {
            uniforms[k] = draws.nextDouble();
            FaultRt f = latent.get(k);
            double v = uniforms[firstAlike(latent, k)];
            caught[k] = v < probabilityFor(f.type, f.node, u, mix, replayed, share);
        }
        return caught;
    }

    /** The first of {@code latent} on the same node with the same effect as the {@code k}-th. */
    private static int firstAlike(List<FaultRt> latent, int k) {
        FaultRt f = latent.get(k);
        for (int i = 0; i < k; i++) {
            FaultRt g = latent.get(i);
            if (g.node == f.node && effect(g.type) == effect(f.type)) {
                return i;
            }
        }
        return k;
    }

    private static final int ALL = 0, SHARE = 1, DATA = 2;

    /** Which requests on its node a fault of type {@code t} fails (as {@link Faults} counts it). */
    private static int effect(FaultType t) {
        return switch (t) {
            case SIMPLE_CONFIG, BROKEN_ENVIRONMENT -> ALL;
            case SEMANTIC_CONFIG -> SHARE;
            case DATA_ACCESS -> DATA;
        };
    }

    /** The probability that the replayed reads exercise a fault of type {@code t} on node {@code n}. */
    private double probabilityFor(FaultType t, NodeRt n, int u, RequestMix mix, int[] replayed, double share) {
        TierRt tier = n.tier;
        int eu = w.effective(tier, u);
        int count = w.routing.count(eu, tier.index);
        int position = -1;
        for (int i = 0; i < count; i++) {
            if (w.routing.at(eu, tier.index, i) == n) {
                position = i;
                break;
            }
        }
        if (position < 0) {
            return 0; // not serving: no replayed read reaches it
        }
        int through = 0, touchingData = 0;
        for (int i = 0; i < mix.size(); i++) {
            RequestTypeRt rt = mix.type(i);
            if (replayed[i] > 0 && visits(rt.path, tier.index)) {
                through += replayed[i];
                if (rt.touchesData) {
                    touchingData += replayed[i];
                }
            }
        }
        int here = readsAt(position, w.routing.next(eu, tier.index), count, through);
        return catchProbability(t, here, through, touchingData, share);
    }

    /**
     * How many of {@code through} replayed reads the node at {@code position} of {@code count}
     * serving nodes gets, round-robin from position {@code next}: the r-th goes to (next + r) mod count.
     */
    static int readsAt(int position, int next, int count, int through) {
        int first = Math.floorMod(position - next, count);
        return through > first ? (through - 1 - first) / count + 1 : 0;
    }

    /**
     * The probability that a fault of type {@code t} is exercised by the {@code here} replayed reads
     * its node got, out of {@code through} through its tier of which {@code touchingData} touch data.
     */
    static double catchProbability(FaultType t, int here, int through, int touchingData, double share) {
        return switch (t) {
            case SIMPLE_CONFIG, BROKEN_ENVIRONMENT -> here > 0 ? 1 : 0;
            case SEMANTIC_CONFIG -> 1 - Math.pow(1 - share, here);
            case DATA_ACCESS -> 1 - noneTouchingData(through, touchingData, here);
        };
    }

    private static boolean visits(int[] path, int tier) {
        for (int t : path) {
            if (t == tier) {
                return true;
            }
        }
        return false;
    }

    /**
     * The chance that {@code here} reads taken at random from {@code through}, {@code data} of which
     * touch data, include none that does (hypergeometric).
     */
    static double noneTouchingData(int through, int data, int here) {
        if (here > through - data) {
            return 0;
        }
        double p = 1;
        for (int i = 0; i < here && p > 0; i++) {
            p *= (double) (through - data - i) / (through - i);
        }
        return p;
    }

    /** The number of {@code n} reads replayed when each is with probability {@code coverage}: Binomial inverted at {@code v}. */
    static int thinned(int n, double coverage, double v) {
        if (n == 0 || coverage <= 0) {
            return 0;
        }
        if (coverage >= 1) {
            return n;
        }
        // Smallest x with F(x) >= v; SSJ's static inverseF is exact too but a hundred times slower for large n.
        int lo = 0, hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (BinomialDist.cdf(n, coverage, mid) >= v) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }
}
