package imago.sim.engine;

import imago.model.fault.FaultType;
import org.junit.jupiter.api.Test;
import umontreal.ssj.probdist.BinomialDist;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sampled replay has the distribution of the event way: replaying each production read with
 * the coverage, sending the replayed ones round-robin over the tier's nodes, and checking each
 * read against the fault (a share fault failing each with its share).
 */
class RuntimeTestReplayMathTest {

    @Test
    void thinningIsTheBinomialInverse() {
        for (int n : new int[] {1, 7, 40, 1000}) {
            for (double c : new double[] {0.001, 0.1, 0.5, 0.9}) {
                for (int i = 0; i < 50; i++) {
                    double v = (i + 0.5) / 50;
                    assertThat(RuntimeTestReplay.thinned(n, c, v)).as("n %d c %s v %s", n, c, v)
                            .isEqualTo(BinomialDist.inverseF(n, c, v));
                }
            }
        }
        assertThat(RuntimeTestReplay.thinned(0, 0.5, 0.7)).isZero();
        assertThat(RuntimeTestReplay.thinned(100, 0, 0.999)).isZero();
        assertThat(RuntimeTestReplay.thinned(100, 1, 0.001)).isEqualTo(100);
    }

    @Test
    void roundRobinGivesEachNodeItsTurnFromTheNextPosition() {
        // Three nodes, next pick at position 1: reads go to 1, 2, 0, 1, 2, 0, 1.
        assertThat(RuntimeTestReplay.readsAt(1, 1, 3, 7)).isEqualTo(3);
        assertThat(RuntimeTestReplay.readsAt(2, 1, 3, 7)).isEqualTo(2);
        assertThat(RuntimeTestReplay.readsAt(0, 1, 3, 7)).isEqualTo(2);
        assertThat(RuntimeTestReplay.readsAt(0, 1, 3, 2)).isZero();
        assertThat(RuntimeTestReplay.readsAt(0, 1, 3, 0)).isZero();
    }

    @Test
    void noDataTouchingReadIsTheHypergeometricZero() {
        // 2 of 5 touch data; a node gets 2 of them: C(3,2)/C(5,2) = 3/10.
        assertThat(RuntimeTestReplay.noneTouchingData(5, 2, 2)).isCloseTo(0.3, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(RuntimeTestReplay.noneTouchingData(5, 2, 4)).isZero();
        assertThat(RuntimeTestReplay.noneTouchingData(5, 0, 5)).isEqualTo(1);
    }

    /**
     * Production sent {@code DATA} reads touching data and {@code PLAIN} reads that do not, in random
     * order; three nodes, the next pick at position 1, the fault's node at position 0. The exact
     * catch probability of the sampled way (summed over both binomial thinnings) must lie within a
     * 99.9% interval of the event way's frequency, for each fault effect.
     */
    @Test
    void theSampledCatchProbabilityIsTheEventWays() {
        final int data = 6, plain = 4, count = 3, next = 1, position = 0, trials = 200_000;
        final double coverage = 0.3, share = 0.5;
        for (FaultType t : FaultType.values()) {
            double exact = 0;
            for (int a = 0; a <= data; a++) {
                for (int b = 0; b <= plain; b++) {
                    int through = a + b;
                    int here = RuntimeTestReplay.readsAt(position, next, count, through);
                    exact += BinomialDist.prob(data, coverage, a) * BinomialDist.prob(plain, coverage, b)
                            * RuntimeTestReplay.catchProbability(t, here, through, a, share);
                }
            }
            SplittableRandom rng = new SplittableRandom(20 + t.ordinal());
            int caught = 0;
            for (int trial = 0; trial < trials; trial++) {
                boolean[] touches = shuffled(data, plain, rng);
                int replayed = 0;
                boolean hit = false;
                for (boolean touchesData : touches) {
                    if (rng.nextDouble() >= coverage) {
                        continue;
                    }
                    int node = (next + replayed++) % count;
                    boolean shareFails = rng.nextDouble() < share;
                    if (node == position) {
                        hit |= switch (t) {
                            case SIMPLE_CONFIG, BROKEN_ENVIRONMENT -> true;
                            case SEMANTIC_CONFIG -> shareFails;
                            case DATA_ACCESS -> touchesData;
                        };
                    }
                }
                if (hit) {
                    caught++;
                }
            }
            double p = (double) caught / trials;
            double half = 3.290526731491926 * Math.sqrt(p * (1 - p) / trials);
            assertThat(exact).as("%s: event way %s", t, p).isBetween(p - half, p + half);
        }
    }

    private static boolean[] shuffled(int data, int plain, SplittableRandom rng) {
        boolean[] a = new boolean[data + plain];
        for (int i = 0; i < data; i++) {
            a[i] = true;
        }
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            boolean x = a[i];
            a[i] = a[j];
            a[j] = x;
        }
        return a;
    }
}
