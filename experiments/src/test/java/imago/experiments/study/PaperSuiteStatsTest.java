package imago.experiments.study;

import imago.experiments.stats.Summary;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PaperSuiteStatsTest {

    @Test
    void wilsonIntervalMatchesKnownValues() {
        // 8 of 10: Wilson 95% interval [0.490, 0.943] (textbook value).
        double[] w = PaperSuite.wilson(8, 10);
        assertThat(w[0]).isEqualTo(0.8);
        assertThat(w[1]).isCloseTo(0.490, within(0.001));
        assertThat(w[2]).isCloseTo(0.943, within(0.001));
        double[] none = PaperSuite.wilson(0, 20);
        assertThat(none[1]).isZero();
        assertThat(none[2]).isCloseTo(0.161, within(0.001));
    }

    @Test
    void logSlopeOfAPowerLaw() {
        Map<Double, Summary> points = new TreeMap<>();
        for (double x : new double[]{1e3, 1e4, 1e5, 1e6}) {
            points.put(x, Summary.of(new double[]{3 * Math.pow(x, 0.7)}));
        }
        assertThat(PaperSuite.logSlope(points)).isCloseTo(0.7, within(1e-9));
        points.put(1e7, Summary.of(new double[]{0}));
        assertThat(PaperSuite.logSlope(points)).as("zero points are left out").isCloseTo(0.7, within(1e-9));
    }

    @Test
    void summaryIntervalUsesStudentT() {
        Summary s = Summary.of(new double[]{1, 2, 3, 4});
        // mean 2.5, sd 1.291, t(3, 0.975) = 3.182: half-width 2.054
        assertThat(s.mean()).isEqualTo(2.5);
        assertThat(s.halfWidth()).isCloseTo(2.054, within(0.001));
    }
}
