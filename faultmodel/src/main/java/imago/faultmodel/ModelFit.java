package imago.faultmodel;

import imago.faultmodel.classify.ClusterClassifier;
import imago.faultmodel.cluster.Dendrogram;
import imago.faultmodel.cluster.Distances;
import imago.faultmodel.cluster.Metrics;
import imago.faultmodel.cluster.Partition;
import imago.faultmodel.cluster.Upgma;
import imago.faultmodel.data.FailureReport;
import imago.faultmodel.typing.Prevalence;
import imago.faultmodel.typing.TypeMapping;
import imago.faultmodel.typing.TypeSignature;
import imago.model.fault.FaultType;

import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The UPGMA model on some reports (all of them, a resample, or the reports outside a held-out
 * fold): tree, cut into k clusters of at least the minimum share, each cluster typed by the
 * signatures. Labels play no part.
 *
 * @param rows      the reports clustered
 * @param partition their clusters
 * @param types     the fault type of each cluster
 */
public record ModelFit(List<FailureReport> rows, Partition partition, List<FaultType> types) {

    public ModelFit {
        rows = List.copyOf(rows);
        types = List.copyOf(types);
    }

    public int k() {
        return partition.k();
    }

    /** The fault type of every report, in row order. */
    public FaultType[] rowTypes() {
        FaultType[] t = new FaultType[rows.size()];
        for (int i = 0; i < t.length; i++) {
            t[i] = types.get(partition.cluster(i));
        }
        return t;
    }

    public ClusterClassifier classifier(Options o) {
        return ClusterClassifier.of(rows, partition, types.toArray(FaultType[]::new), o.features().features());
    }

    /** The smallest cluster the options allow on {@code n} reports. */
    static int minSize(Options o, int n) {
        return Math.max(1, (int) Math.ceil(o.minClusterShare() * n));
    }

    /** Cuts {@code tree} (over {@code rows}, distances {@code d}) into k and types the clusters. */
    static ModelFit cut(List<FailureReport> rows, Dendrogram tree, Distances d, int k, Options o) {
        Partition p = Upgma.cut(tree, d, k, minSize(o, rows.size()));
        return typed(rows, p);
    }

    static ModelFit typed(List<FailureReport> rows, Partition p) {
        double[][] scores = TypeMapping.scores(Prevalence.of(rows, p), TypeSignature.DEFAULT);
        return new ModelFit(rows, p, List.of(TypeMapping.assign(scores)));
    }

    /** Mean silhouette width of the UPGMA cut for each k in {@code from..to} (at most n - 1). */
    static SortedMap<Integer, Double> silhouette(Dendrogram tree, Distances d, int from, int to, Options o) {
        SortedMap<Integer, Double> curve = new TreeMap<>();
        int min = minSize(o, d.size());
        for (int k = from; k <= Math.min(to, d.size() - 1); k++) {
            curve.put(k, Metrics.silhouette(d, Upgma.cut(tree, d, k, min)));
        }
        return curve;
    }

    /** The k of the best silhouette; ties go to the smaller k. */
    static int argmax(SortedMap<Integer, Double> curve) {
        int best = curve.firstKey();
        for (var e : curve.entrySet()) {
            if (e.getValue() > curve.get(best) + 1e-12) {
                best = e.getKey();
            }
        }
        return best;
    }
}
