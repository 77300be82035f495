package imago.faultmodel;

import imago.faultmodel.classify.ClusterClassifier;
import imago.faultmodel.cluster.Dendrogram;
import imago.faultmodel.cluster.Distances;
import imago.faultmodel.cluster.Encoding;
import imago.faultmodel.cluster.KModesClustering;
import imago.faultmodel.cluster.Metrics;
import imago.faultmodel.cluster.Partition;
import imago.faultmodel.cluster.Stability;
import imago.faultmodel.cluster.Upgma;
import imago.faultmodel.data.DataSet;
import imago.faultmodel.data.DataSetSource;
import imago.faultmodel.data.FailureReport;
import imago.faultmodel.data.Source;
import imago.faultmodel.data.TypeLabel;
import imago.faultmodel.learn.LearnedRates;
import imago.faultmodel.typing.ClusterNames;
import imago.faultmodel.typing.Prevalence;
import imago.faultmodel.typing.TypeMapping;
import imago.faultmodel.typing.TypeSignature;
import imago.model.fault.FaultModel;
import imago.model.fault.FaultType;
import imago.model.plan.StepKind;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Real failure reports -&gt; coded features -&gt; clusters -&gt; fault types -&gt; {@link FaultModel}
 * (DESIGN §5). A run is a pure function of the data and the options: same input and seed, same
 * result, byte for byte.
 *
 * <pre>{@code
 * PipelineResult r = FaultModelPipeline.run(Path.of("datasets/upgrade-failures.csv"), Options.defaults());
 * r.writeTo(Path.of("out"));
 * System.out.print(r.summaryTable());
 * }</pre>
 */
public final class FaultModelPipeline {

    private FaultModelPipeline() {
    }

    public static PipelineResult run(Path csv, Options options) {
        return run(new DataSetSource.File(csv), options);
    }

    /** Runs on the committed data set (see {@link DataSetSource#defaultFor}). */
    public static PipelineResult runDefault(Options options) {
        return run(DataSetSource.defaultFor(Path.of("")), options);
    }

    /**
     * The model learned from the committed data set with {@link Options#defaults()}: what
     * {@code faults: learned} without a file means.
     */
    public static FaultModel defaultModel() {
        return runDefault(Options.defaults()).model();
    }

    public static PipelineResult run(DataSetSource source, Options options) {
        return run(source.load(), options);
    }

    public static PipelineResult run(DataSet data, Options o) {
        return new Run(data, o).result();
    }

    /**
     * The share bootstrap, the k it implies (the modal k, unless the options fix k) and the rates
     * learned from the bagged types.
     */
    record Bagged(ShareBootstrap bootstrap, int k, LearnedRates rates) {
    }

    /** {@link Bagged} on its own, without the rest of the pipeline: what the shares depend on. */
    static Bagged bagged(List<FailureReport> rows, Options o) {
        Distances d = Encoding.of(rows, o.features()).gower();
        return bagged(rows, d, Upgma.fit(d), o);
    }

    private static Bagged bagged(List<FailureReport> rows, Distances d, Dendrogram tree, Options o) {
        ShareBootstrap b = ShareBootstrap.run(rows, d, o, o.k());
        int k = o.k().orElseGet(b::modalK);
        FaultType[] fallback = ModelFit.cut(rows, tree, d, k, o).rowTypes();
        return new Bagged(b, k, LearnedRates.learn(rows, b.typeShare(fallback), o.reference()));
    }

    /** One run's working state; nothing outlives {@link #result()}. */
    private static final class Run {
        private final DataSet data;
        private final List<FailureReport> rows;
        private final Options o;
        private final Encoding encoding;
        private final Distances distances;
        private final Dendrogram tree;
        private final int minSize;
        private final Map<Method, Map<Integer, Partition>> partitions = new EnumMap<>(Method.class);

        Run(DataSet data, Options o) {
            this.data = data;
            this.rows = data.rows();
            this.o = o;
            // Four types need four clusters, and the silhouette of k clusters needs k + 1 reports.
            if (rows.size() < Options.K_AUTO_MIN + 1) {
                throw new IllegalArgumentException(data.name() + ": need at least " + (Options.K_AUTO_MIN + 1)
                        + " reports to cluster, got " + rows.size());
            }
            this.encoding = Encoding.of(rows, o.features());
            this.distances = encoding.gower();
            this.tree = Upgma.fit(distances);
            this.minSize = Math.max(1, (int) Math.ceil(o.minClusterShare() * rows.size()));
        }

        PipelineResult result() {
            int n = rows.size();
            Map<Method, SortedMap<Integer, Double>> curves = new EnumMap<>(Method.class);
            for (Method m : Method.values()) {
                SortedMap<Integer, Double> curve = new TreeMap<>();
                for (int k = Options.K_MIN; k <= Math.min(Options.K_MAX, n - 1); k++) {
                    curve.put(k, Metrics.silhouette(distances, partition(m, k)));
                }
                curves.put(m, curve);
            }
            // A partition into fewer clusters than there are fault types cannot map onto all of
            // them, so "auto" looks for the best silhouette from 4 up; the whole curve is kept.
            // With resamples, auto takes the k that the silhouette picks most often on bootstrap
            // resamples: one silhouette maximum flips when a few reports are added.
            Optional<Bagged> bagged = o.resamples() > 0 && o.method() == Method.UPGMA
                    ? Optional.of(bagged(rows, distances, tree, o))
                    : Optional.empty();
            Optional<ShareBootstrap> shares = bagged.map(Bagged::bootstrap);
            int k = bagged.map(Bagged::k)
                    .orElseGet(() -> o.k().orElseGet(() -> ModelFit.argmax(curves.get(o.method()).tailMap(Options.K_AUTO_MIN))));
            if (k > n) {
                throw new IllegalArgumentException("k: " + k + " clusters asked for " + n + " reports");
            }
            ClusterResult main = clusterResult(o.method(), k);
            ClusterResult four = k == 4 ? main : clusterResult(o.method(), 4);
            double cophenetic = tree.copheneticCorrelation(distances);
            // Frequencies and step rates from the bagged types when there is a bootstrap: one fit's
            // hard types swing whole clusters when a few reports are added.
            LearnedRates rates = bagged.map(Bagged::rates).orElseGet(() -> LearnedRates.learn(rows, main.types(),
                    o.reference()));
            HeldOut heldOut = HeldOut.run(rows, distances, o, k, HeldOut.DEFAULT_FOLDS);
            Map<String, Double> validation = validation(curves, main, four, cophenetic, rates);
            heldOutFigures(validation, heldOut);
            shares.ifPresent(b -> shareFigures(validation, b));
            FaultModel model = faultModel(rates, validation);
            FaultType[] clusterTypes = main.clusters().stream().map(ClusterSummary::type).toArray(FaultType[]::new);
            ClusterClassifier classifier = ClusterClassifier.of(rows, main.partition(), clusterTypes,
                    o.features().features());
            return new PipelineResult(data, o, tree, curves, k, o.k().isEmpty(), main, four, cophenetic, rates,
                    model, validation, classifier, heldOut, shares);
        }

        private Partition partition(Method m, int k) {
            return partitions.computeIfAbsent(m, x -> new HashMap<>()).computeIfAbsent(k, kk -> switch (m) {
                case UPGMA -> Upgma.cut(tree, distances, kk, minSize);
                case KMODES -> KModesClustering.fit(encoding.codes(all()), kk, o.seed());
            });
        }

        private Function<int[], Partition> reclusterer(Method m, int k) {
            return switch (m) {
                case UPGMA -> idx -> {
                    Distances sub = distances.subset(idx);
                    return Upgma.cut(Upgma.fit(sub), sub, k, minSize);
                };
                case KMODES -> idx -> KModesClustering.fit(encoding.codes(idx), k, o.seed());
            };
        }

        private int[] all() {
            int[] idx = new int[rows.size()];
            for (int i = 0; i < idx.length; i++) {
                idx[i] = i;
            }
            return idx;
        }

        private ClusterResult clusterResult(Method m, int k) {
            Partition p = partition(m, k);
            Prevalence prev = Prevalence.of(rows, p);
            double[][] scores = TypeMapping.scores(prev, TypeSignature.DEFAULT);
            FaultType[] types = TypeMapping.assign(scores);
            double[] stability = o.resamples() > 0
                    ? Stability.bootstrap(p, reclusterer(m, k), o.resamples(), o.seed())
                    : null;
            List<ClusterSummary> clusters = new ArrayList<>();
            for (int c = 0; c < p.k(); c++) {
                clusters.add(summary(p, c, types[c], scores[c], prev,
                        stability == null ? OptionalDouble.empty() : OptionalDouble.of(stability[c])));
            }
            Map<Source, Double> bySource = new EnumMap<>(Source.class);
            for (Source s : data.countBySource().keySet()) {
                bySource.put(s, ariLabels(p, s));
            }
            int labelled = 0;
            int agree = 0;
            for (int i = 0; i < rows.size(); i++) {
                Optional<FaultType> t = rows.get(i).label().faultType();
                if (t.isPresent()) {
                    labelled++;
                    if (t.get() == types[p.cluster(i)]) {
                        agree++;
                    }
                }
            }
            return new ClusterResult(m, k, p, clusters, prev, Metrics.silhouette(distances, p), ariLabels(p, null),
                    bySource, labelled == 0 ? Double.NaN : (double) agree / labelled,
                    Metrics.adjustedRand(p.assignment(), partition(m.other(), k).assignment()));
        }

        /** ARI between clusters and 1-4 labels, over one source's labelled reports (all when null). */
        private double ariLabels(Partition p, Source only) {
            List<Integer> a = new ArrayList<>();
            List<Integer> b = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                FailureReport r = rows.get(i);
                if ((only == null || r.source() == only) && r.label().faultType().isPresent()) {
                    a.add(p.cluster(i));
                    b.add(r.label().faultType().get().ordinal());
                }
            }
            if (a.size() < 2) {
                return Double.NaN;
            }
            return Metrics.adjustedRand(a.stream().mapToInt(Integer::intValue).toArray(),
                    b.stream().mapToInt(Integer::intValue).toArray());
        }

        private ClusterSummary summary(Partition p, int c, FaultType type, double[] score, Prevalence prev,
                                       OptionalDouble stability) {
            int size = 0;
            int labelled = 0;
            int pure = 0;
            Map<TypeLabel, Integer> labels = new EnumMap<>(TypeLabel.class);
            Map<Source, Integer> bySource = new EnumMap<>(Source.class);
            for (int i = 0; i < rows.size(); i++) {
                if (p.cluster(i) != c) {
                    continue;
                }
                FailureReport r = rows.get(i);
                size++;
                labels.merge(r.label(), 1, Integer::sum);
                bySource.merge(r.source(), 1, Integer::sum);
                if (r.label().faultType().isPresent()) {
                    labelled++;
                    if (r.label().faultType().get() == type) {
                        pure++;
                    }
                }
            }
            TypeLabel major = null;
            for (var e : labels.entrySet()) {
                if (major == null || e.getValue() > labels.get(major)) {
                    major = e.getKey();
                }
            }
            Map<FaultType, Double> scores = new EnumMap<>(FaultType.class);
            for (FaultType t : FaultType.values()) {
                scores.put(t, score[t.ordinal()]);
            }
            return new ClusterSummary(c + 1, size, type, ClusterNames.name(prev, c), scores, labelled,
                    labelled == 0 ? Double.NaN : (double) pure / labelled, major.code(),
                    (double) labels.get(major) / size, stability, bySource);
        }

        private Map<String, Double> validation(Map<Method, SortedMap<Integer, Double>> curves, ClusterResult main,
                                               ClusterResult four, double cophenetic, LearnedRates rates) {
            Map<String, Double> v = new TreeMap<>();
            v.put("rows", (double) rows.size());
            data.countBySource().forEach((s, c) -> v.put("rows." + s.code(), (double) c));
            v.put("rows.labelled", (double) rows.stream().filter(r -> r.label().faultType().isPresent()).count());
            v.put("k", (double) main.k());
            v.put("k.auto", o.k().isEmpty() ? 1.0 : 0.0);
            v.put("method.kmodes", o.method() == Method.KMODES ? 1.0 : 0.0);
            v.put("minClusterSize", (double) minSize);
            v.put("seed", (double) o.seed());
            v.put("resamples", (double) o.resamples());
            v.put("cophenetic", cophenetic);
            v.put("silhouette.bestK", (double) ModelFit.argmax(curves.get(o.method())));
            clusterFigures(v, "", main);
            if (four != main) {
                clusterFigures(v, "k4.", four);
            }
            v.put("baseRate", rates.baseRate());
            for (FaultType t : FaultType.values()) {
                v.put("perUpgrade.type" + t.number(), rates.perUpgrade().get(t));
                v.put("detectedLater.type" + t.number(), rates.detectedLater().get(t));
            }
            v.put("original.perUpgrade.type1", LearnedRates.ORIGINAL_TYPE_1);
            v.put("original.perUpgrade.type4", LearnedRates.ORIGINAL_TYPE_4);
            v.values().removeIf(x -> !Double.isFinite(x));
            return v;
        }

        private static void clusterFigures(Map<String, Double> v, String prefix, ClusterResult r) {
            v.put(prefix + "silhouette", r.silhouette());
            v.put(prefix + "ari.labels", r.ariLabels());
            r.ariBySource().forEach((s, a) -> v.put(prefix + "ari.labels." + s.code(), a));
            v.put(prefix + "typeAccuracy", r.typeAccuracy());
            v.put(prefix + "agreement.ari", r.agreement());
            for (ClusterSummary c : r.clusters()) {
                String p = prefix + "cluster" + c.number() + ".";
                v.put(p + "size", (double) c.size());
                v.put(p + "type", (double) c.type().number());
                v.put(p + "purity", c.purity());
                c.stability().ifPresent(s -> v.put(p + "stability", s));
            }
        }

        /** {@code heldout.<predictor>.<scope>.accuracy | recall.typeN | macroRecall | n}. */
        private static void heldOutFigures(Map<String, Double> v, HeldOut h) {
            v.put("heldout.folds", (double) h.folds());
            h.evaluations().forEach((pred, byScope) -> byScope.forEach((scope, e) -> {
                String p = "heldout." + pred + "." + scope + ".";
                v.put(p + "n", (double) e.total());
                v.put(p + "accuracy", e.accuracy().value());
                v.put(p + "accuracy.low", e.accuracy().low());
                v.put(p + "accuracy.high", e.accuracy().high());
                v.put(p + "macroRecall", e.macroRecall());
                for (FaultType t : FaultType.values()) {
                    v.put(p + "recall.type" + t.number(), e.recall(t).value());
                }
            }));
            v.values().removeIf(x -> !Double.isFinite(x));
        }

        /** {@code kChosen.N} and {@code share.<source>.typeN.low | high}. */
        private static void shareFigures(Map<String, Double> v, ShareBootstrap b) {
            b.kChosen().forEach((k, c) -> v.put("kChosen." + k, (double) c));
            b.low().forEach((src, m) -> m.forEach((t, x) -> v.put("share." + src + ".type" + t.number() + ".low", x)));
            b.high().forEach((src, m) -> m.forEach((t, x) -> v.put("share." + src + ".type" + t.number() + ".high", x)));
        }

        private FaultModel faultModel(LearnedRates rates, Map<String, Double> validation) {
            FaultModel hand = FaultModel.handWritten();
            Map<String, Map<FaultType, Double>> freq = new LinkedHashMap<>();
            rates.perSource().forEach((s, m) -> freq.put(s.code(), m));
            freq.put("pooled", rates.pooled());
            Map<StepKind, Map<FaultType, Double>> p = rates.stepProbability();
            return new FaultModel("learned", p, hand.detection(), hand.repair(), freq, validation,
                    Optional.of(data.sha256()));
        }
    }
}
