package imago.sim.metrics;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Percentage.withPercentage;

class LatencyHistogramTest {

    @Test
    void quantilesAreWithinTheBucketWidthOfTheExactOnes() {
        LatencyHistogram h = new LatencyHistogram();
        SplittableRandom r = new SplittableRandom(7);
        double[] xs = new double[100_000];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = -Math.log(r.nextDouble()) * 0.02; // exponential, mean 20 ms
            h.add(xs[i]);
        }
        Arrays.sort(xs);
        for (double q : new double[] {0.5, 0.9, 0.99, 0.999}) {
            double exact = xs[(int) Math.ceil(q * xs.length) - 1];
            // Buckets are 1% wide: the geometric middle is within 0.5% of any value in the bucket.
            assertThat(h.quantile(q)).isCloseTo(exact, withPercentage(0.51));
        }
        assertThat(h.count()).isEqualTo(xs.length);
    }

    @Test
    void emptyIsZeroAndExtremesAreClamped() {
        LatencyHistogram h = new LatencyHistogram();
        assertThat(h.quantile(0.5)).isZero();
        h.add(0);
        h.add(1e9);
        assertThat(h.quantile(0.5)).isLessThan(1e-5);
        assertThat(h.quantile(1.0)).isGreaterThan(1000);
    }
}
