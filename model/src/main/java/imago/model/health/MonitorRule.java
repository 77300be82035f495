package imago.model.health;

/**
 * The production monitor's rule: when the requests production served show a fault on a node.
 *
 * <p>Every {@code intervalS} the monitor measures each serving node of the new version over the
 * last {@link #windowS(double) window}: the measurement fails when the node's failed requests
 * (errors and time-outs) number at least {@code minFailures} and make up at least
 * {@code threshold} of the requests it served. A node is detected as faulty after
 * {@code consecutive} failed measurements in a row; a passing measurement restarts the count.
 * The window grows at low request rates so that it holds enough requests to judge
 * ({@code minFailures / threshold} expected answers), and failures are attributed to the node
 * that served them, so one broken node among healthy ones is seen. A slow start (a few late
 * answers, over within a window) neither reaches the minimum nor persists; a fault, which fails
 * every request that exercises it until repaired, does both.
 *
 * <p>Both backends apply it: the executor to its request log, the simulator to its simulated
 * requests. An experiment sets it in its {@code monitor:} section ({@link #defaults()} otherwise).
 *
 * <p>The run's verdict uses the same rule: production is broken when, once the plan and any
 * recovery are over, a serving node still fails its measurement (after a bounded wait for a
 * recovery in progress, {@link #settleS()}).
 *
 * @param minWindowS  the shortest window, seconds
 * @param intervalS   seconds between measurements
 * @param minFailures failed requests a failing measurement needs at least
 * @param threshold   share of failed requests a failing measurement needs at least, in (0, 1]
 * @param consecutive failed measurements in a row that make a detection
 */
public record MonitorRule(double minWindowS, double intervalS, int minFailures, double threshold, int consecutive) {

    public MonitorRule {
        if (!(minWindowS > 0) || !(intervalS > 0)) {
            throw new IllegalArgumentException("window and interval must be > 0 (were " + minWindowS + ", " + intervalS + ")");
        }
        if (minFailures < 1 || consecutive < 1) {
            throw new IllegalArgumentException("minFailures and consecutive must be >= 1 (were " + minFailures + ", "
                    + consecutive + ")");
        }
        if (!(threshold > 0 && threshold <= 1)) {
            throw new IllegalArgumentException("threshold must be in (0, 1] (was " + threshold + ")");
        }
    }

    /** A 2 s window measured every 0.5 s; 5 failures making half the requests; 3 in a row. */
    public static MonitorRule defaults() {
        return new MonitorRule(2.0, 0.5, 5, 0.5, 3);
    }

    /**
     * A monitor that never detects in practice (it needs 2^31 - 1 failed measurements in a row):
     * for tests of a plan's own effects, which a recovery would cut short.
     */
    public static MonitorRule blind() {
        return new MonitorRule(2.0, 0.5, 1, 1, Integer.MAX_VALUE);
    }

    /** The window for a node expected to serve {@code perNodeRate} requests/s. */
    public double windowS(double perNodeRate) {
        if (!(perNodeRate > 0)) {
            return minWindowS;
        }
        return Math.max(minWindowS, minFailures / threshold / perNodeRate);
    }

    /** One measurement of one node: true when it fails. */
    public boolean fails(long served, long failed) {
        return failed >= minFailures && failed >= threshold * served;
    }

    /** The count of failed measurements in a row after one more. */
    public int next(int inARow, boolean failed) {
        return failed ? inARow + 1 : 0;
    }

    public boolean detects(int inARow) {
        return inARow >= consecutive;
    }

    /** How long a verdict waits at most for a failing measurement to clear: a detection's worth. */
    public double settleS(double perNodeRate) {
        return windowS(perNodeRate) + consecutive * intervalS;
    }
}
