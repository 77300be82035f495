package imago.executor.run;

import imago.executor.load.LoadGenerator;
import imago.executor.load.RequestRecord;
import imago.model.health.MonitorRule;
import imago.model.plan.Universe;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The production monitor of a real run: applies {@link MonitorRule} to the requests the load
 * generator logged, per node that served them, on a thread of its own. It watches the new
 * version's nodes in the serving universe (a fault the upgrade brought); the verdict's
 * {@link #failingNow} looks at every serving node and at the ingress itself.
 */
final class ProductionMonitor implements AutoCloseable {

    /** Requests the ingress refused for want of a backend are production's failures too. */
    static final String INGRESS = "ingress";

    private final MonitorRule rule;
    private final LoadGenerator load;
    private final String newVersion;
    private final Supplier<Universe> serving;
    private final long windowNanos;
    private final double perNodeRate;
    private final AtomicReference<Found> detection = new AtomicReference<>();

    /** A detection: the node (universe/name) that failed, when, and what the monitor saw. */
    record Found(String node, long nanos, String what) {
    }
    /** Requests sent before this are judged already (reset after each recovery). */
    private volatile long from;
    private volatile boolean on;
    private Thread thread;

    /**
     * @param perNodeRate the requests/s one serving node is expected to get (sizes the window)
     */
    ProductionMonitor(MonitorRule rule, LoadGenerator load, String newVersion, Supplier<Universe> serving, double perNodeRate) {
        this.rule = rule;
        this.load = load;
        this.newVersion = newVersion;
        this.serving = serving;
        this.perNodeRate = perNodeRate;
        this.windowNanos = Duration.ofMillis((long) (rule.windowS(perNodeRate) * 1000)).toNanos();
    }

    void start() {
        from = System.nanoTime();
        on = true;
        thread = Thread.ofVirtual().name("production-monitor").start(this::watch);
    }

    private void watch() {
        long sleep = (long) (rule.intervalS() * 1000);
        Map<String, Integer> inARow = new HashMap<>();
        long judgedFrom = from;
        while (on) {
            try {
                Thread.sleep(sleep);
            } catch (InterruptedException e) {
                return;
            }
            if (judgedFrom != from) {
                inARow.clear(); // a recovery happened: what came before it is handled
                judgedFrom = from;
            }
            if (detection.get() != null) {
                continue;
            }
            String prefix = serving.get().configName() + "/";
            long since = judgedFrom;
            Map<String, long[]> byNode = measure(r -> r.sendNanos() >= since && r.version().equals(newVersion)
                    && r.refused().isEmpty() && r.node().startsWith(prefix));
            for (String node : List.copyOf(inARow.keySet())) {
                byNode.putIfAbsent(node, new long[2]); // no requests: no evidence, the run of failures ends
            }
            for (var e : byNode.entrySet()) {
                long served = e.getValue()[0];
                long failed = e.getValue()[1];
                int n = rule.next(inARow.getOrDefault(e.getKey(), 0), rule.fails(served, failed));
                inARow.put(e.getKey(), n);
                if (rule.detects(n)) {
                    detection.compareAndSet(null, new Found(e.getKey(), System.nanoTime(), String.format(java.util.Locale.ROOT,
                            "%d of %d requests served by %s on %s failed in the last %.1f s, %d measurements in a row",
                            failed, served, newVersion, e.getKey(), windowNanos / 1e9, n)));
                }
            }
        }
    }

    /** Served and failed requests per node over the last window, of the requests {@code which} keeps. */
    private Map<String, long[]> measure(java.util.function.Predicate<RequestRecord> which) {
        Map<String, long[]> byNode = new TreeMap<>();
        for (RequestRecord r : load.endedSince(System.nanoTime() - windowNanos)) {
            if (which.test(r)) {
                long[] n = byNode.computeIfAbsent(r.node().isEmpty() ? INGRESS : r.node(), k -> new long[2]);
                n[0]++;
                if (!r.succeeded()) {
                    n[1]++;
                }
            }
        }
        return byNode;
    }

    /**
     * The nodes of the serving universe (any version), and the ingress, that fail a measurement over
     * the last window, with their counts; empty when production serves.
     */
    Map<String, String> failingNow() {
        String prefix = serving.get().configName() + "/";
        long since = from;
        Map<String, long[]> byNode = measure(r -> r.sendNanos() >= since && !r.planned()
                && (r.node().startsWith(prefix) || (r.node().isEmpty() && !r.refused().isEmpty())));
        Map<String, String> out = new TreeMap<>();
        byNode.forEach((node, n) -> {
            if (rule.fails(n[0], n[1])) {
                out.put(node, n[1] + " of " + n[0] + " failed");
            }
        });
        return out;
    }

    Optional<String> detection() {
        return found().map(Found::what);
    }

    Optional<Found> found() {
        return Optional.ofNullable(detection.get());
    }

    /** The experiment's rule (its {@code monitor:} section), the window sized to {@code perNodeRate}. */
    MonitorRule rule() {
        return rule;
    }

    /** Forgets what came before (a recovery handled it): only requests sent from now on are judged. */
    void reset() {
        from = System.nanoTime();
        detection.set(null);
    }

    /** Judges only requests sent from now on, keeping a detection already made. */
    void judgeFromNow() {
        from = System.nanoTime();
    }

    /** How long the verdict waits at most for a failing measurement to clear. */
    Duration settle() {
        return Duration.ofMillis((long) (rule.settleS(perNodeRate) * 1000));
    }

    Duration interval() {
        return Duration.ofMillis((long) (rule.intervalS() * 1000));
    }

    @Override
    public void close() {
        on = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
