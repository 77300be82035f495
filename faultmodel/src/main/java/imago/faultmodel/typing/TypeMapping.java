package imago.faultmodel.typing;

import imago.model.fault.FaultType;

import java.util.Arrays;
import java.util.List;

/**
 * Assigns each cluster a fault type from its features alone: the assignment that maximises the
 * summed signature scores, among those that use every type when there are at least four
 * clusters (so k = 4 gives a one-to-one mapping). Labels play no part.
 */
public final class TypeMapping {

    private TypeMapping() {
    }

    /** scores[c][t]: cluster c's score for type t (in {@link FaultType} order). */
    public static double[][] scores(Prevalence p, List<TypeSignature> signatures) {
        double[][] s = new double[p.clusters()][FaultType.values().length];
        for (double[] row : s) {
            Arrays.fill(row, Double.NEGATIVE_INFINITY);
        }
        for (int c = 0; c < p.clusters(); c++) {
            for (TypeSignature sig : signatures) {
                s[c][sig.type().ordinal()] = sig.score(p, c);
            }
        }
        return s;
    }

    /** The best assignment for {@code scores}; ties go to the lower type number. */
    public static FaultType[] assign(double[][] scores) {
        int k = scores.length;
        int types = FaultType.values().length;
        int full = (1 << types) - 1;
        boolean cover = k >= types;
        // best[c][mask]: best total for clusters c..k-1 given the types in mask are already used.
        double[][] best = new double[k + 1][full + 1];
        int[][] choice = new int[k + 1][full + 1];
        for (int mask = 0; mask <= full; mask++) {
            best[k][mask] = !cover || mask == full ? 0 : Double.NEGATIVE_INFINITY;
        }
        for (int c = k - 1; c >= 0; c--) {
            for (int mask = 0; mask <= full; mask++) {
                double b = Double.NEGATIVE_INFINITY;
                int arg = -1;
                for (int t = 0; t < types; t++) {
                    double rest = best[c + 1][mask | (1 << t)];
                    if (scores[c][t] == Double.NEGATIVE_INFINITY || rest == Double.NEGATIVE_INFINITY) {
                        continue;
                    }
                    double v = scores[c][t] + rest;
                    if (v > b + 1e-12) {
                        b = v;
                        arg = t;
                    }
                }
                best[c][mask] = b;
                choice[c][mask] = arg;
            }
        }
        if (best[0][0] == Double.NEGATIVE_INFINITY) {
            throw new IllegalStateException("no assignment of " + k + " clusters covers every fault type");
        }
        FaultType[] out = new FaultType[k];
        int mask = 0;
        for (int c = 0; c < k; c++) {
            int t = choice[c][mask];
            out[c] = FaultType.values()[t];
            mask |= 1 << t;
        }
        return out;
    }
}
