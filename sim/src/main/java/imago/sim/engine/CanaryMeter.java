package imago.sim.engine;

import imago.model.plan.CanaryAnalysis;

import java.util.Arrays;

/**
 * What a canary's analysis reads: the requests the ingress sent to the new version, answered
 * (with their response times) or failed, since the current measurement interval began. Kept apart
 * from any production monitor so that each counts for its own purpose.
 */
final class CanaryMeter {
    private boolean measuring;
    private long answered, failed;
    private double[] latencies = new double[256];
    private int n;

    /** A request the canary's ingress sent to the new version was answered after {@code latencyS}. */
    void answered(double latencyS) {
        if (!measuring) {
            return;
        }
        answered++;
        if (n == latencies.length) {
            latencies = Arrays.copyOf(latencies, n * 2);
        }
        latencies[n++] = latencyS;
    }

    /** A request the canary's ingress sent to the new version failed. */
    void failed() {
        if (measuring) {
            failed++;
        }
    }

    /** A measurement interval begins. */
    void begin() {
        measuring = true;
        answered = failed = 0;
        n = 0;
    }

    /** Judges the interval that ends now by {@code analysis}, and begins the next one. */
    CanaryAnalysis.Measurement measure(CanaryAnalysis analysis) {
        CanaryAnalysis.Measurement m = analysis.measure(answered, failed, p99());
        begin();
        return m;
    }

    void end() {
        measuring = false;
    }

    /** The nearest-rank 99th percentile of the interval's response times (NaN without any). */
    private double p99() {
        if (n == 0) {
            return Double.NaN;
        }
        double[] sorted = Arrays.copyOf(latencies, n);
        Arrays.sort(sorted);
        return sorted[(int) Math.ceil(0.99 * n) - 1];
    }
}
