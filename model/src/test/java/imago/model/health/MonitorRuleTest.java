package imago.model.health;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MonitorRuleTest {

    private final MonitorRule rule = MonitorRule.defaults();

    @ParameterizedTest(name = "{1} of {0} failed -> fails: {2}")
    @CsvSource({
        "60, 0, false",
        "60, 4, false",   // a few late answers of a slow start: under the minimum count
        "10, 4, false",
        "60, 29, false",  // under half
        "60, 30, true",
        "5, 5, true",
        "8, 5, true",
        "11, 5, false",
    })
    void aMeasurementFailsOnAMinimumCountAndShare(long served, long failed, boolean fails) {
        assertThat(rule.fails(served, failed)).isEqualTo(fails);
    }

    @Test
    void detectionNeedsConsecutiveFailedMeasurementsAndAPassRestartsTheCount() {
        int n = 0;
        n = rule.next(n, true);
        n = rule.next(n, true);
        assertThat(rule.detects(n)).isFalse();
        n = rule.next(n, false);
        assertThat(n).isZero();
        for (int i = 0; i < rule.consecutive(); i++) {
            n = rule.next(n, true);
        }
        assertThat(rule.detects(n)).isTrue();
    }

    @Test
    void theWindowGrowsAtLowRatesToHoldEnoughRequestsToJudge() {
        assertThat(rule.windowS(30)).isEqualTo(rule.minWindowS());
        // 1 request/s per node: 5 failures at half the requests need 10 requests, so 10 s.
        assertThat(rule.windowS(1)).isEqualTo(10.0);
        assertThat(rule.windowS(0)).isEqualTo(rule.minWindowS());
        assertThat(rule.settleS(1)).isEqualTo(10.0 + rule.consecutive() * rule.intervalS());
    }

    @Test
    void badRulesAreRefused() {
        assertThatThrownBy(() -> new MonitorRule(2, 0.5, 5, 0, 3)).hasMessageContaining("threshold");
        assertThatThrownBy(() -> new MonitorRule(2, 0.5, 5, 1.5, 3)).hasMessageContaining("threshold");
        assertThatThrownBy(() -> new MonitorRule(0, 0.5, 5, 0.5, 3)).hasMessageContaining("window");
        assertThatThrownBy(() -> new MonitorRule(2, 0.5, 0, 0.5, 3)).hasMessageContaining("minFailures");
    }
}
