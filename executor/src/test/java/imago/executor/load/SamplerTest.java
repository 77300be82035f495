package imago.executor.load;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class SamplerTest {

    /** Mean and variance of n draws, each within a 99.9% normal margin of the Poisson's. */
    private static void checkPoisson(double mean, int n) {
        SplittableRandom rng = new SplittableRandom(42);
        double sum = 0, sumSq = 0;
        for (int i = 0; i < n; i++) {
            int k = Sampler.poisson(mean, rng);
            assertThat(k).isNotNegative();
            sum += k;
            sumSq += (double) k * k;
        }
        double m = sum / n, var = sumSq / n - m * m;
        double margin = 3.29 * Math.sqrt(mean / n);                  // se of the mean is sqrt(var/n)
        assertThat(m).isBetween(mean - margin, mean + margin);
        double varMargin = 3.29 * Math.sqrt((2 * mean * mean + mean) / n); // se of the variance
        assertThat(var).isBetween(mean - varMargin, mean + varMargin);
    }

    @Test
    void poissonHasItsMeanAndVariance() {
        checkPoisson(0.5, 20_000);
        checkPoisson(48, 20_000);
        checkPoisson(2_000, 20_000);
        assertThat(Sampler.poisson(0, new SplittableRandom(1))).isZero();
    }
}
