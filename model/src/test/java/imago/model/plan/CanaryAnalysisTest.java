package imago.model.plan;

import imago.model.plan.CanaryAnalysis.Measurement;
import imago.model.plan.CanaryAnalysis.Metric;
import imago.model.plan.CanaryAnalysis.Phase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CanaryAnalysisTest {

    private static CanaryAnalysis analysis(Metric m, double threshold, int count, int failureLimit, int inconclusiveLimit) {
        return new CanaryAnalysis(m, threshold, 5, count, failureLimit, inconclusiveLimit);
    }

    @ParameterizedTest(name = "{0} answered, {1} failed -> {2}")
    @CsvSource({
            "100, 0, PASSED",
            "95, 5, PASSED",      // 5% is not above a 5% threshold
            "94, 6, FAILED",
            "0, 3, FAILED",
            "0, 0, INCONCLUSIVE"}) // no request: no evidence either way
    void errorRateIsFailedOverAllTheNewVersionsRequests(long answered, long failed, Measurement expected) {
        assertThat(analysis(Metric.ERROR_RATE, 0.05, 3, 0, 0).measure(answered, failed, 0.1)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} answered, p99 {1} s -> {2}")
    @CsvSource({
            "10, 0.2, PASSED",
            "10, 0.5, PASSED",
            "10, 0.51, FAILED",
            "0, NaN, INCONCLUSIVE"})  // failures alone have no latency
    void p99LatencyNeedsAnsweredRequests(long answered, double p99, Measurement expected) {
        assertThat(analysis(Metric.P99_LATENCY, 0.5, 3, 0, 0).measure(answered, 7, p99)).isEqualTo(expected);
    }

    /**
     * Argo's assessment of one metric ({@code assessMetricStatus}, analysis/analysis.go): failed
     * when failures exceed the limit, checked before inconclusive beyond its limit; successful once
     * count measurements are in. The first six rows port TestAssessMetricStatusFailureLimit and
     * TestAssessMetricStatusInconclusiveLimit (analysis/analysis_test.go): 3 of 3 measurements
     * failed (inconclusive) with a limit of 2 fail (are inconclusive); with a limit of 3 the run goes
     * on, or succeeds when it ends (Argo's metric there has no count: "ends" is our count reached).
     */
    @ParameterizedTest(name = "count {0}, failureLimit {1}, inconclusiveLimit {2}: taken {3}, failed {4}, inconclusive {5} -> {6}")
    @CsvSource({
            "10, 2, 0, 3, 3, 0, FAILED",
            "10, 3, 0, 3, 3, 0, RUNNING",
            "3, 3, 0, 3, 3, 0, SUCCESSFUL",
            "10, 0, 2, 3, 0, 3, INCONCLUSIVE",
            "10, 0, 3, 3, 0, 3, RUNNING",
            "3, 0, 3, 3, 0, 3, SUCCESSFUL",
            "3, 0, 0, 1, 0, 0, RUNNING",
            "3, 0, 0, 3, 0, 0, SUCCESSFUL",
            "3, 0, 0, 1, 1, 0, FAILED",
            "3, 2, 0, 2, 2, 0, RUNNING",
            "3, 2, 0, 3, 2, 0, SUCCESSFUL",
            "5, 2, 0, 3, 3, 0, FAILED",
            "3, 0, 0, 1, 0, 1, INCONCLUSIVE",
            "3, 0, 1, 2, 0, 1, RUNNING",
            "3, 0, 1, 3, 0, 2, INCONCLUSIVE",
            "3, 0, 0, 2, 1, 1, FAILED"})
    void assessesTheRunAsArgoDoes(int count, int failureLimit, int inconclusiveLimit, int taken, int failed, int inconclusive,
                                  Phase expected) {
        assertThat(analysis(Metric.ERROR_RATE, 0.05, count, failureLimit, inconclusiveLimit).assess(taken, failed, inconclusive))
                .isEqualTo(expected);
    }

    @Test
    void failedAndInconclusiveRunsAbortTheRollout() {
        assertThat(Phase.FAILED.aborts()).isTrue();
        assertThat(Phase.INCONCLUSIVE.aborts()).isTrue();
        assertThat(Phase.SUCCESSFUL.aborts()).isFalse();
        assertThat(Phase.RUNNING.aborts()).isFalse();
    }

    @Test
    void refusesAnAnalysisWithoutMeasurements() {
        assertThatThrownBy(() -> analysis(Metric.ERROR_RATE, 0.05, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CanaryAnalysis(Metric.ERROR_RATE, 0.05, 0, 3, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(analysis(Metric.ERROR_RATE, 0.05, 4, 0, 0).durationS()).isEqualTo(20);
    }
}
