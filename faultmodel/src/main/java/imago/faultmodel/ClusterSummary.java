package imago.faultmodel;

import imago.faultmodel.data.Source;
import imago.model.fault.FaultType;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * One cluster, described.
 *
 * @param number        1-based, largest cluster first
 * @param size          reports in it
 * @param type          the fault type its features map to
 * @param name          its dominant features
 * @param scores        its signature score for each type (what the mapping maximised)
 * @param labelled      reports in it with a 1-4 label
 * @param purity        share of those whose label is {@code type} (NaN when none is labelled)
 * @param majorityLabel the most common label in it (1-4, X or U)
 * @param majorityShare that label's share of the cluster
 * @param stability     mean bootstrap Jaccard similarity, when computed
 * @param bySource      reports in it per source
 */
public record ClusterSummary(int number, int size, FaultType type, String name, Map<FaultType, Double> scores,
                             int labelled, double purity, String majorityLabel, double majorityShare,
                             OptionalDouble stability, Map<Source, Integer> bySource) {

    public ClusterSummary {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(stability, "stability");
        var s = new EnumMap<FaultType, Double>(FaultType.class);
        s.putAll(scores);
        scores = Collections.unmodifiableMap(s);
        var b = new EnumMap<Source, Integer>(Source.class);
        b.putAll(bySource);
        bySource = Collections.unmodifiableMap(b);
    }
}
