package imago.model.metrics;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExposureTest {

    @Test
    void blastRadiusCountsUnplannedFailuresAndWrongAnswers() {
        assertThat(Exposure.blastRadius(0, 0)).isZero();
        assertThat(Exposure.blastRadius(7, 3)).isEqualTo(10);
        assertThatThrownBy(() -> Exposure.blastRadius(-1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void timeToDetectIsTheMeanOverDetectedFaultsAndNaNWithoutAny() {
        assertThat(Exposure.timeToDetectS(List.of())).isNaN();
        assertThat(Exposure.timeToDetectS(List.of(new Exposure.Detection(10, Double.NaN)))).isNaN();
        assertThat(Exposure.timeToDetectS(List.of(new Exposure.Detection(10, 12), new Exposure.Detection(20, 26),
                new Exposure.Detection(30, Double.NaN)))).isEqualTo(4.0);
    }
}
