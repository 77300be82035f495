package imago.model.health;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReadinessTest {

    @Test
    void readyAfterTheSuccessThresholdInARowAndAFailedProbeRestartsTheCount() {
        Readiness r = new Readiness(3, 0.1, 1);
        int n = r.next(r.next(0, true), true);
        assertThat(r.ready(n)).isFalse();
        n = r.next(n, false);
        assertThat(n).isZero();
        n = r.next(r.next(r.next(n, true), true), true);
        assertThat(r.ready(n)).isTrue();
    }

    @Test
    void badProbesAreRefused() {
        assertThatThrownBy(() -> new Readiness(0, 0.1, 1)).hasMessageContaining("successThreshold");
        assertThatThrownBy(() -> new Readiness(1, 0, 1)).hasMessageContaining("period");
    }
}
