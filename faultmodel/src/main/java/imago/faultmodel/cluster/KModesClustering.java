package imago.faultmodel.cluster;

import smile.clustering.CentroidClustering;
import smile.clustering.KModes;
import smile.math.MathEx;

/**
 * k-modes (Huang 1998) via Smile, the cross-check on the hierarchical clustering: the same
 * features, Hamming distance on the codes ({@code unknown} counts as a value of its own here).
 * k-modes depends on its random start, so it runs several seeded starts and keeps the one with
 * the least distortion.
 */
public final class KModesClustering {

    /** Seeded starts per fit. */
    public static final int STARTS = 10;
    private static final int MAX_ITER = 100;

    private KModesClustering() {
    }

    public static Partition fit(int[][] codes, int k, long seed) {
        if (k < 1 || k > codes.length) {
            throw new IllegalArgumentException("k must be in 1.." + codes.length + " (was " + k + ")");
        }
        CentroidClustering<int[], int[]> best = null;
        for (int s = 0; s < STARTS; s++) {
            // Smile draws its start from a thread-local generator; seeding it right before the
            // fit, on this thread, makes the start a function of (seed, s) only.
            MathEx.setSeed(seed * 1_000_003L + s);
            CentroidClustering<int[], int[]> c = KModes.fit(codes, k, MAX_ITER);
            if (best == null || c.distortion() < best.distortion()) {
                best = c;
            }
        }
        return Partition.canonical(best.group());
    }
}
