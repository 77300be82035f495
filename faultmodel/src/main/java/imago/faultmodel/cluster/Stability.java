package imago.faultmodel.cluster;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Cluster-wise bootstrap stability (Hennig 2007, "clusterboot"): resample the reports with
 * replacement, cluster the resample the same way, and score each original cluster by the
 * Jaccard similarity with its best-matching cluster in the resample, over the distinct reports
 * drawn. The mean over resamples is near 1 for a cluster that keeps turning up, and below about
 * 0.6 for one that does not.
 */
public final class Stability {

    private Stability() {
    }

    /**
     * @param original  the partition of all n reports
     * @param recluster clusters a resample, given as the report indices drawn (with repeats)
     * @param resamples number of bootstrap resamples
     * @param seed      seed of the resampling
     * @return per original cluster, the mean Jaccard similarity
     */
    public static double[] bootstrap(Partition original, Function<int[], Partition> recluster, int resamples,
                                     long seed) {
        int n = original.size();
        int k = original.k();
        double[] sum = new double[k];
        int[] count = new int[k];
        SplittableRandom rng = new SplittableRandom(seed);
        // The resamples are drawn in order from one stream, reclustered in parallel (the costly
        // part) and scored in order: the same figures whatever the thread count.
        int[][] draws = new int[resamples][n];
        for (int[] idx : draws) {
            for (int i = 0; i < n; i++) {
                idx[i] = rng.nextInt(n);
            }
        }
        List<Partition> reclustered = Arrays.stream(draws).parallel().map(recluster).toList();
        for (int b = 0; b < resamples; b++) {
            int[] idx = draws[b];
            Partition p = reclustered.get(b);
            // Distinct reports drawn, and the resample cluster of each (repeats share one).
            int[] drawnCluster = new int[n];
            Arrays.fill(drawnCluster, -1);
            for (int i = 0; i < n; i++) {
                drawnCluster[idx[i]] = p.cluster(i);
            }
            int[][] both = new int[k][p.k()];
            int[] inOriginal = new int[k];
            int[] inResample = new int[p.k()];
            for (int r = 0; r < n; r++) {
                if (drawnCluster[r] < 0) {
                    continue;
                }
                both[original.cluster(r)][drawnCluster[r]]++;
                inOriginal[original.cluster(r)]++;
                inResample[drawnCluster[r]]++;
            }
            for (int c = 0; c < k; c++) {
                if (inOriginal[c] == 0) {
                    continue;
                }
                double best = 0;
                for (int e = 0; e < p.k(); e++) {
                    int inter = both[c][e];
                    int union = inOriginal[c] + inResample[e] - inter;
                    best = Math.max(best, union == 0 ? 0 : (double) inter / union);
                }
                sum[c] += best;
                count[c]++;
            }
        }
        double[] out = new double[k];
        for (int c = 0; c < k; c++) {
            out[c] = count[c] == 0 ? 0 : sum[c] / count[c];
        }
        return out;
    }
}
