package imago.sim.engine;

import imago.model.health.MonitorRule;
import imago.model.workload.RequestType;
import imago.model.workload.Workload;

import java.util.Arrays;

/**
 * The production monitor, as the executor's: {@link MonitorRule} applied to the requests each
 * new-version node of the live universe took part in. A request counts as served by every node it
 * reached and as failed by each of them when it failed other than by the plan's intent, so a
 * broken database shows on the application nodes in front of it, as in the executor's log.
 *
 * <p>Counts go into per-node buckets of one measuring interval. The measurement at tick
 * {@code m} (time {@code m x intervalS}) covers the {@code k} buckets before it, the tier's window
 * rounded up to whole intervals. The monitor ticks only while a measurement can fail: it wakes on
 * a failure on a watched node and sleeps once no node has a failure run going and none has enough
 * failures left in its buckets to fail a later window. Since buckets are kept while it sleeps,
 * every measurement it skips would have passed: the detections are those of a monitor that never
 * sleeps.
 */
final class ProductionMonitor {

    private final Engine engine;
    private final World w;
    private final MonitorRule rule;
    private final double interval;
    /** Buckets per window, by tier. */
    private final int[] windowBuckets;
    private final int ring;

    private long[][] served = new long[0][];
    private long[][] failed = new long[0][];
    /** The bucket index each ring slot holds, per node. */
    private long[][] slotBucket = new long[0][];
    private int[] inARow = new int[0];
    private boolean ticking;

    ProductionMonitor(Engine engine, World w, Workload workload, MonitorRule rule) {
        this.engine = engine;
        this.w = w;
        this.rule = rule;
        this.interval = rule.intervalS();
        windowBuckets = new int[w.tiers.length];
        int longest = 1;
        for (TierRt t : w.tiers) {
            int k = (int) Math.ceil(rule.windowS(perNodeRate(workload, t)) / interval - 1e-9);
            windowBuckets[t.index] = Math.max(1, k);
            longest = Math.max(longest, windowBuckets[t.index]);
        }
        ring = longest + 1;
    }

    /**
     * The requests/s one production node of tier {@code t} is expected to take at peak: the
     * primary requests whose path crosses it, shared by its nodes (as the executor sizes it).
     */
    private double perNodeRate(Workload wl, TierRt t) {
        double total = 0, through = 0;
        for (RequestType rt : wl.mix()) {
            total += rt.weight();
            if (rt.path().contains(t.name)) {
                through += rt.weight();
            }
        }
        long nodes = w.topology.nodes().stream().filter(n -> n.tier().equals(t.name)).count();
        return nodes == 0 || total == 0 ? 0 : wl.arrivals().maxRate() * through / total / nodes;
    }

    /** What the monitor watches: a node of the new version where live traffic goes. */
    private boolean watched(NodeRt n) {
        return n.newVersion && n.exists && w.live(n);
    }

    /** Request {@code r} reached node {@code n}. */
    void reached(NodeRt n) {
        if (watched(n)) {
            count(n, false);
        }
    }

    /** A request that reached node {@code n} failed other than on the plan's behalf. */
    void failed(NodeRt n) {
        if (!watched(n)) {
            return;
        }
        count(n, true);
        if (!ticking) {
            ticking = true;
            long m = (long) Math.floor(engine.now() / interval) + 1;
            engine.at(m * interval - engine.now(), this::tick);
        }
    }

    private void count(NodeRt n, boolean failure) {
        int i = n.index;
        if (i >= inARow.length) {
            grow(w.nodes.size());
        }
        long b = (long) Math.floor(engine.now() / interval);
        int slot = (int) (b % ring);
        if (slotBucket[i][slot] != b) {
            slotBucket[i][slot] = b;
            served[i][slot] = 0;
            failed[i][slot] = 0;
        }
        (failure ? failed : served)[i][slot]++;
    }

    private void grow(int size) {
        int from = inARow.length;
        served = Arrays.copyOf(served, size);
        failed = Arrays.copyOf(failed, size);
        slotBucket = Arrays.copyOf(slotBucket, size);
        inARow = Arrays.copyOf(inARow, size);
        for (int i = from; i < size; i++) {
            served[i] = new long[ring];
            failed[i] = new long[ring];
            slotBucket[i] = new long[ring];
            Arrays.fill(slotBucket[i], -1);
        }
    }

    /** Sum of {@code counts} of node {@code i} over buckets {@code from..to} (inclusive). */
    private long sum(long[][] counts, int i, long from, long to) {
        long s = 0;
        for (long b = Math.max(0, from); b <= to; b++) {
            int slot = (int) (b % ring);
            if (slotBucket[i][slot] == b) {
                s += counts[i][slot];
            }
        }
        return s;
    }

    /**
     * A repair or a recovery dealt with what failed so far: only requests from now on are judged
     * (as the executor's monitor after a recovery).
     */
    void forget() {
        for (int i = 0; i < inARow.length; i++) {
            Arrays.fill(slotBucket[i], -1);
            inARow[i] = 0;
        }
    }

    private void tick() {
        long m = Math.round(engine.now() / interval);
        boolean more = false;
        for (int i = 0; i < inARow.length; i++) {
            NodeRt n = w.nodes.get(i);
            if (!watched(n)) {
                inARow[i] = 0;
                continue;
            }
            int k = windowBuckets[n.tier.index];
            long s = sum(served, i, m - k, m - 1);
            long f = sum(failed, i, m - k, m - 1);
            inARow[i] = rule.next(inARow[i], rule.fails(s, f));
            if (rule.detects(inARow[i])) {
                inARow[i] = 0;
                engine.monitorDetected(n);
            }
            // Failures still inside a later window could fail it on their own.
            more |= inARow[i] > 0 || sum(failed, i, m - k + 1, m) >= rule.minFailures();
        }
        if (more) {
            engine.at(interval, this::tick);
        } else {
            ticking = false;
        }
    }
}
