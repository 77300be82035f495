package imago.faultmodel.typing;

import imago.model.fault.FaultType;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TypeMappingTest {

    @Test
    void fourClustersMapOneToOne() {
        double[][] s = {
                {0.1, 0.9, 0.0, 0.0},
                {0.8, 0.7, 0.0, 0.0},
                {0.0, 0.0, 0.0, 0.5},
                {0.0, 0.0, 0.3, 0.6}};
        // Greedy would give cluster 3 type 4 and leave type 3 to nobody; the optimum does not.
        assertThat(TypeMapping.assign(s)).containsExactly(FaultType.SEMANTIC_CONFIG, FaultType.SIMPLE_CONFIG,
                FaultType.DATA_ACCESS, FaultType.BROKEN_ENVIRONMENT);
    }

    @Test
    void matchesExhaustiveSearchAndCoversEveryTypeFromFourClustersUp() {
        SplittableRandom rng = new SplittableRandom(11);
        for (int trial = 0; trial < 200; trial++) {
            int k = 1 + rng.nextInt(7);
            double[][] s = new double[k][4];
            for (double[] row : s) {
                for (int t = 0; t < 4; t++) {
                    row[t] = rng.nextDouble(-1, 1);
                }
            }
            FaultType[] got = TypeMapping.assign(s);
            assertThat(total(s, got)).isCloseTo(bruteForce(s, k >= 4), within(1e-9));
            if (k >= 4) {
                EnumSet<FaultType> used = EnumSet.noneOf(FaultType.class);
                used.addAll(java.util.List.of(got));
                assertThat(used).containsExactlyInAnyOrder(FaultType.values());
            }
        }
    }

    private static double total(double[][] s, FaultType[] a) {
        double sum = 0;
        for (int c = 0; c < a.length; c++) {
            sum += s[c][a[c].ordinal()];
        }
        return sum;
    }

    private static double bruteForce(double[][] s, boolean cover) {
        int k = s.length;
        double best = Double.NEGATIVE_INFINITY;
        int combos = 1 << (2 * k);
        for (int code = 0; code < combos; code++) {
            double sum = 0;
            int mask = 0;
            for (int c = 0; c < k; c++) {
                int t = (code >> (2 * c)) & 3;
                sum += s[c][t];
                mask |= 1 << t;
            }
            if (!cover || mask == 15) {
                best = Math.max(best, sum);
            }
        }
        return best;
    }
}
