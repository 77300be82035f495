package imago.experiments.simvsreal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SimVsRealTargetsTest {

    @Test
    void availabilityWithinOnePoint() {
        assertThat(SimVsReal.withinTarget("availability", 0.90, 0.909)).contains(true);
        assertThat(SimVsReal.withinTarget("availability", 0.90, 0.889)).contains(false);
    }

    @Test
    void unavailableSecondsWithinTwentyPercentOrOneBin() {
        assertThat(SimVsReal.withinTarget("unavailable_s", 30, 35.9)).contains(true);
        assertThat(SimVsReal.withinTarget("unavailable_s", 30, 36.1)).contains(false);
        assertThat(SimVsReal.withinTarget("unavailable_s", 0.5, 1.4)).contains(true);   // below a bin's resolution
        assertThat(SimVsReal.withinTarget("unavailable_s", 0.5, 1.6)).contains(false);
        assertThat(SimVsReal.withinTarget("races_error", 3, 30)).isEmpty();             // shown, no target
    }
}
