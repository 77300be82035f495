package imago.faultmodel;

import imago.faultmodel.cluster.Partition;
import imago.faultmodel.data.Source;
import imago.faultmodel.typing.Prevalence;
import imago.model.fault.FaultType;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The reports cut into k clusters by one method, each cluster mapped to a fault type, and how
 * well that agrees with the coders' labels.
 *
 * @param method        the clustering method
 * @param k             number of clusters
 * @param partition     cluster of each report (0-based, in data set order)
 * @param clusters      the clusters, described
 * @param prevalence    feature prevalence per cluster
 * @param silhouette    mean silhouette width under the Gower distance
 * @param ariLabels     ARI between clusters and labels, over reports labelled 1-4
 * @param ariBySource   the same within each source
 * @param typeAccuracy  share of reports labelled 1-4 whose cluster maps to their label's type
 * @param agreement     ARI between this and the other method's partition at the same k
 */
public record ClusterResult(Method method, int k, Partition partition, List<ClusterSummary> clusters,
                            Prevalence prevalence, double silhouette, double ariLabels,
                            Map<Source, Double> ariBySource, double typeAccuracy, double agreement) {

    public ClusterResult {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(partition, "partition");
        Objects.requireNonNull(prevalence, "prevalence");
        clusters = List.copyOf(clusters);
        var m = new EnumMap<Source, Double>(Source.class);
        m.putAll(ariBySource);
        ariBySource = Collections.unmodifiableMap(m);
    }

    /** The fault type of the cluster report {@code i} is in. */
    public FaultType typeOf(int i) {
        return clusters.get(partition.cluster(i)).type();
    }

    /** The fault type of every report, in data set order. */
    public FaultType[] types() {
        FaultType[] t = new FaultType[partition.size()];
        for (int i = 0; i < t.length; i++) {
            t[i] = typeOf(i);
        }
        return t;
    }
}
