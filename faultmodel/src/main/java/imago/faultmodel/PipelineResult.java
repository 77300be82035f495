package imago.faultmodel;

import imago.faultmodel.classify.ClusterClassifier;
import imago.faultmodel.cluster.Dendrogram;
import imago.faultmodel.data.DataSet;
import imago.faultmodel.learn.LearnedRates;
import imago.model.fault.FaultModel;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Everything one pipeline run found.
 *
 * @param data       the data set clustered
 * @param options    the options of the run
 * @param dendrogram the UPGMA tree over all reports (always built: it is also the cophenetic check)
 * @param silhouette per method, the mean silhouette width for k = 2..10
 * @param k          the number of clusters of {@code main}
 * @param kAuto      whether k was chosen by silhouette
 * @param main       the clusters the fault model is learned from
 * @param atFour     the same method at k = 4, the original study's count (same object when k = 4)
 * @param cophenetic cophenetic correlation of the UPGMA tree
 * @param rates      frequencies and per-step probabilities learned from {@code main}
 * @param model      the learned fault model
 * @param validation the figures that qualify it (also inside {@code model})
 * @param classifier what classifying new reports needs (written into {@code fault-model.json})
 * @param heldOut    the k-fold held-out evaluation and its baselines
 * @param shares     bootstrap intervals of the type shares and the k chosen per resample (UPGMA
 *                   with resamples only)
 */
public record PipelineResult(DataSet data, Options options, Dendrogram dendrogram,
                             Map<Method, SortedMap<Integer, Double>> silhouette, int k, boolean kAuto,
                             ClusterResult main, ClusterResult atFour, double cophenetic, LearnedRates rates,
                             FaultModel model, Map<String, Double> validation, ClusterClassifier classifier,
                             HeldOut heldOut, Optional<ShareBootstrap> shares) {

    public PipelineResult {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(classifier, "classifier");
        Objects.requireNonNull(heldOut, "heldOut");
        Objects.requireNonNull(shares, "shares");
        Map<Method, SortedMap<Integer, Double>> s = new EnumMap<>(Method.class);
        silhouette.forEach((m, c) -> s.put(m, Collections.unmodifiableSortedMap(new TreeMap<>(c))));
        silhouette = Collections.unmodifiableMap(s);
        validation = Collections.unmodifiableSortedMap(new TreeMap<>(validation));
    }

    /**
     * Writes, each file atomically: {@code fault-model.json}, {@code clusters.csv},
     * {@code validation.csv}, {@code silhouette.csv}, {@code dendrogram.csv},
     * {@code prevalence.csv}, {@code frequencies.csv}, {@code steps.csv} and {@code summary.txt}.
     */
    public void writeTo(Path dir) throws IOException {
        Reports.write(this, dir);
    }

    /** A plain-text table of the types found beside the original study's figures, and the clusters. */
    public String summaryTable() {
        return Reports.summary(this);
    }
}
