package imago.executor.metrics;

import imago.executor.ingress.Ingress;

import java.util.List;

/**
 * One measurement's worth of a canary analysis, taken from the ingress' live request log: the
 * requests the new version's backends served during {@code [fromNanos, toNanos)} (by when they
 * ended), how many of them failed ({@link Ingress.Served#failed()}: a 5xx, the ingress' 502/504 for
 * a backend that failed or timed out, a broken exchange), and the nearest-rank 99th percentile of
 * the answered ones' latency at the ingress. The model's {@code CanaryAnalysis.measure} judges it;
 * a window without requests is inconclusive there, never a pass.
 *
 * @param answered requests answered without a server-side failure
 * @param failed   requests that failed
 * @param p99S     the answered requests' 99th percentile latency, seconds; 0 when none
 */
public record CanaryWindow(long answered, long failed, double p99S) {

    /** The window of {@code log} for backends running {@code version}. */
    public static CanaryWindow of(List<Ingress.Served> log, String version, long fromNanos, long toNanos) {
        long answered = 0;
        long failed = 0;
        List<Double> latencies = new java.util.ArrayList<>();
        for (Ingress.Served r : log) {
            if (!r.version().equals(version) || r.endNanos() < fromNanos || r.endNanos() >= toNanos) {
                continue;
            }
            if (r.failed()) {
                failed++;
            } else {
                answered++;
                latencies.add(r.latencyNanos() / 1e9);
            }
        }
        latencies.sort(null);
        return new CanaryWindow(answered, failed, Metrics.percentile(latencies, 0.99));
    }

    public long requests() {
        return answered + failed;
    }
}
