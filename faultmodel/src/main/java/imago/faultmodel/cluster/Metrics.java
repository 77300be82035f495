package imago.faultmodel.cluster;

import smile.validation.metric.AdjustedRandIndex;

import java.util.Arrays;

/** Figures that qualify a partition. */
public final class Metrics {

    private Metrics() {
    }

    /**
     * Mean silhouette width (Rousseeuw 1987) under {@code d}: for each report, how much closer it
     * is to its own cluster than to the nearest other one, in [-1, 1]. Reports alone in their
     * cluster count 0.
     */
    public static double silhouette(Distances d, Partition p) {
        int n = p.size();
        int k = p.k();
        if (k < 2) {
            return 0;
        }
        int[] size = p.sizes();
        double total = 0;
        double[] sum = new double[k];
        for (int i = 0; i < n; i++) {
            Arrays.fill(sum, 0);
            for (int j = 0; j < n; j++) {
                sum[p.cluster(j)] += d.d(i, j);
            }
            int own = p.cluster(i);
            if (size[own] == 1) {
                continue;
            }
            double a = sum[own] / (size[own] - 1);
            double b = Double.POSITIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                if (c != own && size[c] > 0) {
                    b = Math.min(b, sum[c] / size[c]);
                }
            }
            double m = Math.max(a, b);
            total += m == 0 ? 0 : (b - a) / m;
        }
        return total / n;
    }

    /** Adjusted Rand index between two labellings of the same items (1 = identical, ~0 = chance). */
    public static double adjustedRand(int[] a, int[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("labellings differ in length");
        }
        return AdjustedRandIndex.of(a, b);
    }
}
