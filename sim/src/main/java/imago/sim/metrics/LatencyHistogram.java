package imago.sim.metrics;

/**
 * Latencies in logarithmic buckets: bounded memory whatever the number of requests, with a
 * relative error of at most {@code (growth - 1) / 2} on any percentile (0.5% by default).
 * Values below {@code min} go to the first bucket, above the last to the last one.
 */
public final class LatencyHistogram {

    private final double min;
    private final double logGrowth;
    private final long[] counts;
    private long total;

    /** Buckets from 1 microsecond to about 3 hours, 1% wide. */
    public LatencyHistogram() {
        this(1e-6, 1.01, 2400);
    }

    public LatencyHistogram(double min, double growth, int buckets) {
        if (!(min > 0) || !(growth > 1) || buckets < 1) {
            throw new IllegalArgumentException("min > 0, growth > 1 and buckets >= 1 required");
        }
        this.min = min;
        this.logGrowth = Math.log(growth);
        this.counts = new long[buckets];
    }

    public void add(double seconds) {
        int i;
        if (seconds <= min) {
            i = 0;
        } else {
            i = (int) (Math.log(seconds / min) / logGrowth);
            if (i >= counts.length) {
                i = counts.length - 1;
            }
        }
        counts[i]++;
        total++;
    }

    public long count() {
        return total;
    }

    /**
     * The {@code q}-quantile (0 &lt; q &le; 1) in seconds: the geometric middle of the bucket that
     * holds the ceil(q n)-th smallest value; 0 when empty.
     */
    public double quantile(double q) {
        if (total == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(q * total));
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return min * Math.exp((i + 0.5) * logGrowth);
            }
        }
        return min * Math.exp((counts.length - 0.5) * logGrowth);
    }
}
