package imago.experiments.stats;

import org.apache.commons.math3.distribution.TDistribution;

/**
 * The mean of a metric over replications with its 95% Student confidence interval. With one
 * replication the interval is undefined and reported as the mean itself with {@code n = 1}.
 */
public record Summary(double mean, double ciLow, double ciHigh, int n) {

    /**
     * Over the values that are numbers: a NaN is a run without the value (no detection, so no
     * time to detect), left out of the mean and the interval and not counted in {@code n}.
     */
    public static Summary of(double[] all) {
        double[] values = java.util.Arrays.stream(all).filter(v -> !Double.isNaN(v)).toArray();
        int n = values.length;
        if (n == 0) {
            return new Summary(Double.NaN, Double.NaN, Double.NaN, 0);
        }
        double mean = 0;
        for (double v : values) {
            mean += v;
        }
        mean /= n;
        if (n == 1) {
            return new Summary(mean, mean, mean, 1);
        }
        double ss = 0;
        for (double v : values) {
            ss += (v - mean) * (v - mean);
        }
        double sd = Math.sqrt(ss / (n - 1));
        double half = new TDistribution(n - 1).inverseCumulativeProbability(0.975) * sd / Math.sqrt(n);
        return new Summary(mean, mean - half, mean + half, n);
    }

    public double halfWidth() {
        return (ciHigh - ciLow) / 2;
    }
}
