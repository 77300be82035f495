package imago.faultmodel.cluster;

import smile.clustering.HierarchicalClustering;
import smile.clustering.linkage.UPGMALinkage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Hierarchical clustering with average linkage (UPGMA), as in the original study, via Smile. */
public final class Upgma {

    private Upgma() {
    }

    public static Dendrogram fit(Distances d) {
        if (d.size() < 2) {
            throw new IllegalArgumentException("need at least 2 reports to cluster, got " + d.size());
        }
        UPGMALinkage linkage = new UPGMALinkage(d.size(), d.lowerTriangleByColumn());
        HierarchicalClustering hc = HierarchicalClustering.fit(linkage);
        return new Dendrogram(hc.tree(), hc.height());
    }

    /**
     * Cuts the tree into {@code k} clusters of at least {@code minSize} reports each.
     *
     * <p>Average linkage on coded categorical data leaves a few odd reports (rare combinations
     * of codes) hanging off the top of the tree: a plain cut into k clusters then yields k-1
     * crumbs of two or three reports and one cluster holding everything else. So the tree is
     * cut at the smallest number of branches m &gt;= k at which k branches hold at least
     * {@code minSize} reports; the smaller branches are attached, each as a whole, to the main
     * cluster with the least average distance to it (the UPGMA criterion itself). With
     * {@code minSize <= 1} this is the plain cut.
     */
    public static Partition cut(Dendrogram tree, Distances d, int k, int minSize) {
        int n = tree.leaves();
        if (k < 1 || k > n) {
            throw new IllegalArgumentException("k must be in 1.." + n + " (was " + k + ")");
        }
        for (int m = k; m <= n; m++) {
            int[] labels = tree.cutInto(m);
            Map<Integer, List<Integer>> branches = branches(labels);
            List<Integer> main = new ArrayList<>();
            for (var e : branches.entrySet()) {
                if (e.getValue().size() >= Math.max(1, minSize)) {
                    main.add(e.getKey());
                }
            }
            if (main.size() >= k) {
                for (var e : branches.entrySet()) {
                    if (!main.contains(e.getKey())) {
                        int target = nearest(e.getValue(), main, branches, d);
                        for (int i : e.getValue()) {
                            labels[i] = target;
                        }
                    }
                }
                return Partition.canonical(labels);
            }
        }
        // minSize larger than k clusters can ever be: fall back to the plain cut.
        return Partition.canonical(tree.cutInto(k));
    }

    private static Map<Integer, List<Integer>> branches(int[] labels) {
        Map<Integer, List<Integer>> m = new LinkedHashMap<>();
        for (int i = 0; i < labels.length; i++) {
            m.computeIfAbsent(labels[i], x -> new ArrayList<>()).add(i);
        }
        return m;
    }

    private static int nearest(List<Integer> branch, List<Integer> main, Map<Integer, List<Integer>> branches,
                               Distances d) {
        int best = main.getFirst();
        double bestAvg = Double.POSITIVE_INFINITY;
        for (int c : main) {
            double sum = 0;
            List<Integer> members = branches.get(c);
            for (int i : branch) {
                for (int j : members) {
                    sum += d.d(i, j);
                }
            }
            double avg = sum / ((double) branch.size() * members.size());
            if (avg < bestAvg) {
                bestAvg = avg;
                best = c;
            }
        }
        return best;
    }
}
