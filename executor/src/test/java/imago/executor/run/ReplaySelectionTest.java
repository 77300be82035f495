package imago.executor.run;

import org.junit.jupiter.api.Test;

import java.util.BitSet;

import static org.assertj.core.api.Assertions.assertThat;

/** The runtime test's per-read draw: the coverage's share of reads, the same reads for the same seed. */
class ReplaySelectionTest {

    private static final int READS = 20_000;

    private static BitSet selected(ReplaySelection s, long first, int n) {
        BitSet b = new BitSet(n);
        for (int i = 0; i < n; i++) {
            if (s.selects(first + i)) {
                b.set(i);
            }
        }
        return b;
    }

    @Test
    void selectsTheCoverageShareWithinABinomialInterval() {
        for (double c : new double[] {0.01, 0.1, 0.5, 0.9}) {
            for (long seed : new long[] {7, 7 * 31 + 1, -12345}) {
                int k = selected(ReplaySelection.of(seed, c), 1, READS).cardinality();
                double margin = 3.29 * Math.sqrt(READS * c * (1 - c)); // 99.9% normal interval of the binomial
                assertThat((double) k).as("coverage %s seed %s", c, seed).isBetween(READS * c - margin, READS * c + margin);
            }
        }
    }

    @Test
    void successiveReadsAreDrawnIndependently() {
        // Pairs of neighbouring sequence numbers both selected: c^2 of them if the draws are independent.
        double c = 0.3;
        BitSet b = selected(ReplaySelection.of(7, c), 1, READS);
        int both = 0;
        for (int i = 0; i + 1 < READS; i++) {
            if (b.get(i) && b.get(i + 1)) {
                both++;
            }
        }
        double p = c * c, n = READS - 1;
        // Overlapping pairs are 1-dependent: the variance is at most three times the binomial's.
        double margin = 3.29 * Math.sqrt(3 * n * p * (1 - p));
        assertThat((double) both).isBetween(n * p - margin, n * p + margin);
    }

    @Test
    void theSameSeedSelectsTheSameReadsAnotherSeedOthers() {
        assertThat(selected(ReplaySelection.of(7, 0.2), 1000, READS))
                .isEqualTo(selected(ReplaySelection.of(7, 0.2), 1000, READS));
        BitSet other = selected(ReplaySelection.of(8, 0.2), 1000, READS);
        other.xor(selected(ReplaySelection.of(7, 0.2), 1000, READS));
        // Independent draws disagree on 2c(1-c) of the reads.
        double p = 2 * 0.2 * 0.8, margin = 3.29 * Math.sqrt(READS * p * (1 - p));
        assertThat((double) other.cardinality()).isBetween(READS * p - margin, READS * p + margin);
    }

    @Test
    void coverageZeroSelectsNothingAndOneEverything() {
        assertThat(selected(ReplaySelection.of(7, 0), 1, READS).cardinality()).isZero();
        assertThat(selected(ReplaySelection.of(7, 1), 1, READS).cardinality()).isEqualTo(READS);
    }
}
