package imago.executor.metrics;

import imago.executor.ingress.Ingress;
import imago.model.plan.CanaryAnalysis;
import imago.model.plan.CanaryAnalysis.Measurement;
import imago.model.plan.CanaryAnalysis.Phase;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A canary analysis' measurements on synthetic ingress logs, judged by the model's rule. */
class CanaryWindowTest {

    private static final long S = 1_000_000_000L;

    private static Ingress.Served served(double endS, String version, int status, double latencyS) {
        return new Ingress.Served((long) (endS * S), "production/app-x", version, status, (long) (latencyS * S));
    }

    @Test
    void countsOnlyTheNewVersionsRequestsInTheWindow() {
        List<Ingress.Served> log = List.of(
                served(0.5, "v1.1", 200, 0.01),   // before the window
                served(1.0, "v1.1", 200, 0.02),   // at its start: in
                served(1.5, "v1", 500, 0.01),     // the stable version: out
                served(1.6, "v1.1", 503, 0.01),
                served(1.7, "v1.1", 0, 0.3),      // broken off: a failure
                served(1.8, "v1.1", 504, 1.6),    // the ingress' time-out for the backend
                served(1.9, "v1.1", 404, 0.04),   // answered: a client error is not the server's failure
                served(2.0, "v1.1", 200, 0.03));  // at its end: out
        CanaryWindow w = CanaryWindow.of(log, "v1.1", S, 2 * S);
        assertThat(w.answered()).isEqualTo(2);
        assertThat(w.failed()).isEqualTo(3);
        // Nearest rank over the answered requests' latencies {0.02, 0.04}: the larger.
        assertThat(w.p99S()).isEqualTo(0.04);
    }

    @Test
    void aWindowWithoutRequestsIsInconclusiveNeverAPass() {
        CanaryWindow w = CanaryWindow.of(List.of(served(0.5, "v1", 200, 0.01)), "v1.1", 0, S);
        assertThat(w.requests()).isZero();
        CanaryAnalysis errors = new CanaryAnalysis(CanaryAnalysis.Metric.ERROR_RATE, 0.1, 1, 3, 0, 0);
        CanaryAnalysis latency = new CanaryAnalysis(CanaryAnalysis.Metric.P99_LATENCY, 0.5, 1, 3, 0, 0);
        assertThat(errors.measure(w.answered(), w.failed(), w.p99S())).isEqualTo(Measurement.INCONCLUSIVE);
        assertThat(latency.measure(w.answered(), w.failed(), w.p99S())).isEqualTo(Measurement.INCONCLUSIVE);
        // No tolerance for inconclusive measurements: the analysis aborts after the first.
        assertThat(errors.assess(1, 0, 1)).isEqualTo(Phase.INCONCLUSIVE);
        assertThat(errors.assess(1, 0, 1).aborts()).isTrue();
    }

    @Test
    void aFailingCanaryFailsOnceMoreThanTheLimitOfMeasurementsFailed() {
        // 3 measurements of 1 s; the canary fails 40% of its requests from the second second on.
        List<Ingress.Served> log = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            double t = i / 10.0 + 0.05;
            boolean broken = t >= 1 && i % 5 < 2;
            log.add(served(t, "v1.1", broken ? 500 : 200, 0.01));
        }
        CanaryAnalysis a = new CanaryAnalysis(CanaryAnalysis.Metric.ERROR_RATE, 0.2, 1, 3, 1, 0);
        int failed = 0;
        List<Phase> phases = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            CanaryWindow w = CanaryWindow.of(log, "v1.1", i * S, (i + 1) * S);
            assertThat(w.requests()).isEqualTo(10);
            failed += a.measure(w.answered(), w.failed(), w.p99S()) == Measurement.FAILED ? 1 : 0;
            phases.add(a.assess(i + 1, failed, 0));
        }
        // One failed measurement is tolerated (failureLimit 1), the second fails the analysis.
        assertThat(phases).containsExactly(Phase.RUNNING, Phase.RUNNING, Phase.FAILED);
    }

    @Test
    void aSlowCanaryFailsOnLatencyAndAHealthyOnePasses() {
        List<Ingress.Served> log = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            log.add(served(0.001 * i, "v1.1", 200, i == 99 ? 0.9 : 0.01));
        }
        CanaryWindow w = CanaryWindow.of(log, "v1.1", 0, S);
        CanaryAnalysis strict = new CanaryAnalysis(CanaryAnalysis.Metric.P99_LATENCY, 0.5, 1, 1, 0, 0);
        // 100 answers: the 99th percentile is the 99th value, 0.01 s; the single slow one is the 100th.
        assertThat(w.p99S()).isEqualTo(0.01);
        assertThat(strict.measure(w.answered(), w.failed(), w.p99S())).isEqualTo(Measurement.PASSED);
        log.add(served(0.5, "v1.1", 200, 0.9));
        CanaryWindow slow = CanaryWindow.of(log, "v1.1", 0, S);
        assertThat(slow.p99S()).isEqualTo(0.9);
        assertThat(strict.measure(slow.answered(), slow.failed(), slow.p99S())).isEqualTo(Measurement.FAILED);
        assertThat(strict.assess(1, 1, 0)).isEqualTo(Phase.FAILED);
        assertThat(strict.assess(1, 0, 0)).isEqualTo(Phase.SUCCESSFUL);
    }
}
