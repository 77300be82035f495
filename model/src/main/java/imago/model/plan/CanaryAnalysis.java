package imago.model.plan;

/**
 * A canary analysis as Argo Rollouts runs one (its {@code AnalysisRun} with one metric): a
 * measurement every {@code intervalS} seconds, {@code count} times, each judged against
 * {@code threshold}; the run fails once more than {@code failureLimit} measurements failed.
 *
 * <p>A measurement covers the requests the new version answered or failed during the interval
 * before it. One with no such request is inconclusive, never a pass. As in Argo (analysis.go,
 * {@code assessMetricStatus}; tests {@code TestAssessMetricStatusFailureLimit} and
 * {@code TestAssessMetricStatusInconclusiveLimit}), failures are judged first, then more than
 * {@code inconclusiveLimit} inconclusive measurements make the run inconclusive. Argo then pauses
 * the rollout for a human to promote or abort it (docs/features/analysis.md, "Inconclusive
 * runs"); a run here has no human, so an inconclusive analysis aborts like a failed one.
 *
 * @param metric            what is measured on the new version's requests
 * @param threshold         a measurement above it fails: a share of requests for error-rate, seconds for p99-latency
 * @param intervalS         seconds between measurements, each over the interval before it
 * @param count             measurements to take
 * @param failureLimit      failed measurements tolerated
 * @param inconclusiveLimit inconclusive measurements tolerated
 */
public record CanaryAnalysis(Metric metric, double threshold, double intervalS, int count, int failureLimit,
                             int inconclusiveLimit) {

    public CanaryAnalysis {
        if (!(threshold >= 0) || !(intervalS > 0) || count < 1 || failureLimit < 0 || inconclusiveLimit < 0) {
            throw new IllegalArgumentException("an analysis needs threshold >= 0, interval > 0, count >= 1 and limits >= 0");
        }
    }

    /** The longest the analysis takes: all its measurements. */
    public double durationS() {
        return intervalS * count;
    }

    /** What a measurement is taken of. Config spelling: {@code error-rate}, {@code p99-latency}. */
    public enum Metric {
        /** Failed requests over all requests the new version took. */
        ERROR_RATE("error-rate"),
        /** The 99th percentile of the response times of the requests the new version answered, in seconds. */
        P99_LATENCY("p99-latency");

        private final String configName;

        Metric(String configName) {
            this.configName = configName;
        }

        public String configName() {
            return configName;
        }
    }

    /** One measurement's verdict. */
    public enum Measurement { PASSED, FAILED, INCONCLUSIVE }

    /** Where the run stands after some measurements. */
    public enum Phase {
        RUNNING, SUCCESSFUL, FAILED, INCONCLUSIVE;

        /** The rollout aborts: failed, or inconclusive with nobody to decide. */
        public boolean aborts() {
            return this == FAILED || this == INCONCLUSIVE;
        }
    }

    /**
     * Judges one interval of the new version's requests: {@code answered} answered, of which the
     * 99th percentile response time is {@code p99S}, and {@code failed} failed.
     */
    public Measurement measure(long answered, long failed, double p99S) {
        return switch (metric) {
            case ERROR_RATE -> answered + failed == 0 ? Measurement.INCONCLUSIVE
                    : (double) failed / (answered + failed) > threshold ? Measurement.FAILED : Measurement.PASSED;
            // A latency needs answered requests; failures alone say nothing about it.
            case P99_LATENCY -> answered == 0 ? Measurement.INCONCLUSIVE
                    : p99S > threshold ? Measurement.FAILED : Measurement.PASSED;
        };
    }

    /** The run's phase after {@code taken} measurements, {@code failed} and {@code inconclusive} of them so judged. */
    public Phase assess(int taken, int failed, int inconclusive) {
        if (failed > failureLimit) {
            return Phase.FAILED;
        }
        if (inconclusive > inconclusiveLimit) {
            return Phase.INCONCLUSIVE;
        }
        return taken >= count ? Phase.SUCCESSFUL : Phase.RUNNING;
    }
}
