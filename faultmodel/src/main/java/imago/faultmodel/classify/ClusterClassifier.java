package imago.faultmodel.classify;

import imago.faultmodel.cluster.Encoding;
import imago.faultmodel.cluster.Partition;
import imago.faultmodel.data.FailureReport;
import imago.faultmodel.data.Feature;
import imago.model.fault.FaultType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What classifying a new report needs: the features the clusters were built on, and each
 * cluster's fault type and members' codes. A new report joins the cluster at the least average
 * Gower distance to its members, i.e. the UPGMA (average-linkage) criterion the tree was built
 * with, so a report gets the cluster the tree would have merged it into at the top level.
 *
 * @param features the features of the distance, in order
 * @param clusters the clusters, numbered from 1
 */
public record ClusterClassifier(List<Feature> features, List<Cluster> clusters) {

    /**
     * One cluster.
     *
     * @param number  1-based cluster number, as in {@code clusters.csv}
     * @param type    the fault type the cluster was mapped to
     * @param members the distinct code rows of its members, with how many members share each
     */
    public record Cluster(int number, FaultType type, List<Member> members) {
        public Cluster {
            Objects.requireNonNull(type, "type");
            members = List.copyOf(members);
            if (members.isEmpty()) {
                throw new IllegalArgumentException("cluster " + number + ": has no members");
            }
        }

        public int size() {
            return members.stream().mapToInt(Member::count).sum();
        }
    }

    /** A distinct combination of feature values, in {@link #features()} order, and its multiplicity. */
    public record Member(List<String> values, int count) {
        public Member {
            values = List.copyOf(values);
            if (count < 1) {
                throw new IllegalArgumentException("member count must be >= 1 (was " + count + ")");
            }
        }
    }

    /** The prediction for one report. {@code distance} is its average Gower distance to the cluster. */
    public record Prediction(int cluster, FaultType type, double distance) {
    }

    public ClusterClassifier {
        features = List.copyOf(features);
        clusters = List.copyOf(clusters);
        if (features.isEmpty() || clusters.isEmpty()) {
            throw new IllegalArgumentException("a classifier needs features and clusters");
        }
        for (Cluster c : clusters) {
            for (Member m : c.members()) {
                if (m.values().size() != features.size()) {
                    throw new IllegalArgumentException("cluster " + c.number() + ": a member has " + m.values().size()
                            + " values for " + features.size() + " features");
                }
                for (int j = 0; j < features.size(); j++) {
                    if (features.get(j).code(m.values().get(j)) < 0) {
                        throw new IllegalArgumentException("cluster " + c.number() + ": " + features.get(j).column()
                                + ": '" + m.values().get(j) + "' is not one of " + features.get(j).vocabulary());
                    }
                }
            }
        }
    }

    /** The classifier of clusters {@code p} over {@code rows}, cluster c having type {@code types[c]}. */
    public static ClusterClassifier of(List<FailureReport> rows, Partition p, FaultType[] types, List<Feature> features) {
        List<Cluster> out = new ArrayList<>();
        for (int c = 0; c < p.k(); c++) {
            // Sorted by the values, so the file does not depend on row order.
            Map<List<String>, Integer> counts = new TreeMap<>(ClusterClassifier::compareValues);
            for (int i = 0; i < rows.size(); i++) {
                if (p.cluster(i) == c) {
                    FailureReport r = rows.get(i);
                    counts.merge(features.stream().map(r::value).toList(), 1, Integer::sum);
                }
            }
            out.add(new Cluster(c + 1, types[c], counts.entrySet().stream()
                    .map(e -> new Member(e.getKey(), e.getValue())).toList()));
        }
        return new ClusterClassifier(features, out);
    }

    public Prediction classify(FailureReport r) {
        int[] a = Encoding.codesOf(r, features);
        boolean[] ma = Encoding.missingOf(a, features);
        Prediction best = null;
        for (Cluster c : clusters) {
            double sum = 0;
            int n = 0;
            for (Member m : c.members()) {
                int[] b = codes(m);
                sum += m.count() * Encoding.gower(a, ma, b, Encoding.missingOf(b, features));
                n += m.count();
            }
            double avg = sum / n;
            // Ties go to the first (largest) cluster: deterministic, and the likelier one a priori.
            if (best == null || avg < best.distance() - 1e-12) {
                best = new Prediction(c.number(), c.type(), avg);
            }
        }
        return best;
    }

    private int[] codes(Member m) {
        int[] b = new int[features.size()];
        for (int j = 0; j < b.length; j++) {
            b[j] = features.get(j).code(m.values().get(j));
        }
        return b;
    }

    private static int compareValues(List<String> a, List<String> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = a.get(i).compareTo(b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }
}
