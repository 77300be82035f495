package imago.faultmodel;

import imago.faultmodel.classify.Baselines;
import imago.faultmodel.classify.ClusterClassifier;
import imago.faultmodel.classify.Evaluation;
import imago.faultmodel.cluster.Dendrogram;
import imago.faultmodel.cluster.Distances;
import imago.faultmodel.cluster.Upgma;
import imago.faultmodel.data.FailureReport;
import imago.faultmodel.data.Source;
import imago.model.fault.FaultType;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * K-fold held-out evaluation: each fold's reports are left out, the rest are clustered and typed
 * exactly as the model is (labels unseen), and the left-out reports are classified by
 * {@link ClusterClassifier}. Every labelled report is predicted once, by a model that never saw
 * it. Folds are drawn at random within each (source, label) group, so each fold mirrors the data.
 *
 * <p>Four predictors are scored, each on held-out reports only:
 * <ul>
 *   <li>{@code model}: the pooled model (all sources clustered together at the model's k);</li>
 *   <li>{@code per-source}: one model per source, clustered on that source alone, k by silhouette
 *       within the training part (the design's "each source clustered on its own");</li>
 *   <li>{@code signature}: the type signatures row by row ({@link Baselines#signatureRule});</li>
 *   <li>{@code tree}: a small supervised tree, a reference only ({@link Baselines#tree}).</li>
 * </ul>
 *
 * @param folds       number of folds
 * @param evaluations per predictor, per scope (a source code, or {@code pooled}): the evaluation
 */
public record HeldOut(int folds, Map<String, Map<String, Evaluation>> evaluations) {

    public static final int DEFAULT_FOLDS = 10;
    public static final List<String> PREDICTORS = List.of("model", "per-source", "signature", "tree");

    public HeldOut {
        Map<String, Map<String, Evaluation>> m = new LinkedHashMap<>();
        evaluations.forEach((k, v) -> m.put(k, Collections.unmodifiableMap(new LinkedHashMap<>(v))));
        evaluations = Collections.unmodifiableMap(m);
    }

    public Evaluation get(String predictor, String scope) {
        return evaluations.get(predictor).get(scope);
    }

    /**
     * @param rows the reports
     * @param d    their Gower distances under {@code o.features()}
     * @param k    the pooled model's number of clusters (chosen without labels)
     */
    static HeldOut run(List<FailureReport> rows, Distances d, Options o, int k, int folds) {
        FaultType[][] predicted = predict(rows, d, o, k, folds(rows, folds, o.seed()), folds);
        Map<String, Map<String, Evaluation>> out = new LinkedHashMap<>();
        for (int p = 0; p < PREDICTORS.size(); p++) {
            Map<String, Evaluation> byScope = new LinkedHashMap<>();
            for (Source s : Source.values()) {
                evaluate(rows, predicted[p], s).ifPresent(e -> byScope.put(s.code(), e));
            }
            evaluate(rows, predicted[p], null).ifPresent(e -> byScope.put(ShareBootstrap.POOLED, e));
            out.put(PREDICTORS.get(p), byScope);
        }
        return new HeldOut(folds, out);
    }

    /** Per predictor (in {@link #PREDICTORS} order), each report's held-out prediction (null: none made). */
    static FaultType[][] predict(List<FailureReport> rows, Distances d, Options o, int k, int[] fold, int folds) {
        int n = rows.size();
        FaultType[][] predicted = new FaultType[PREDICTORS.size()][n];
        for (int f = 0; f < folds; f++) {
            int[] train = select(fold, f, false);
            int[] test = select(fold, f, true);
            if (test.length == 0) {
                continue;
            }
            List<FailureReport> trainRows = pick(rows, train);
            List<FailureReport> testRows = pick(rows, test);
            Distances sub = d.subset(train);
            ClusterClassifier c = ModelFit.cut(trainRows, Upgma.fit(sub), sub, Math.min(k, train.length), o)
                    .classifier(o);
            put(predicted[0], test, testRows.stream().map(r -> c.classify(r).type()).toList());
            put(predicted[2], test, Baselines.signatureRule(trainRows, testRows));
            Optional<List<FaultType>> tree = Baselines.tree(trainRows, testRows, o.features().features());
            tree.ifPresent(t -> put(predicted[3], test, t));
            for (Source s : Source.values()) {
                int[] trainS = ofSource(rows, train, s);
                int[] testS = ofSource(rows, test, s);
                if (testS.length == 0 || trainS.length <= Options.K_AUTO_MIN + 1) {
                    continue;
                }
                Distances ds = d.subset(trainS);
                Dendrogram ts = Upgma.fit(ds);
                List<FailureReport> trainSRows = pick(rows, trainS);
                int ks = ModelFit.argmax(ModelFit.silhouette(ts, ds, Options.K_AUTO_MIN, Options.K_MAX, o));
                ClusterClassifier cs = ModelFit.cut(trainSRows, ts, ds, ks, o).classifier(o);
                put(predicted[1], testS, pick(rows, testS).stream().map(r -> cs.classify(r).type()).toList());
            }
        }
        return predicted;
    }

    /** Fold of each report: shuffled within each (source, label) group, dealt out in turn. */
    static int[] folds(List<FailureReport> rows, int folds, long seed) {
        Map<String, List<Integer>> groups = new TreeMap<>();
        for (int i = 0; i < rows.size(); i++) {
            FailureReport r = rows.get(i);
            groups.computeIfAbsent(r.source().code() + "/" + r.label().code(), x -> new ArrayList<>()).add(i);
        }
        int[] fold = new int[rows.size()];
        SplittableRandom rng = new SplittableRandom(seed);
        int next = 0;
        for (List<Integer> g : groups.values()) {
            for (int i = g.size() - 1; i > 0; i--) {
                Collections.swap(g, i, rng.nextInt(i + 1));
            }
            for (int i : g) {
                fold[i] = next;
                next = (next + 1) % folds;
            }
        }
        return fold;
    }

    /** Over held-out reports labelled 1-4 of one source (all when null) that got a prediction. */
    private static Optional<Evaluation> evaluate(List<FailureReport> rows, FaultType[] predicted, Source only) {
        List<FaultType> truth = new ArrayList<>();
        List<FaultType> got = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            FailureReport r = rows.get(i);
            if ((only == null || r.source() == only) && r.label().faultType().isPresent() && predicted[i] != null) {
                truth.add(r.label().faultType().get());
                got.add(predicted[i]);
            }
        }
        return truth.isEmpty() ? Optional.empty() : Optional.of(Evaluation.of(truth, got));
    }

    private static int[] select(int[] fold, int f, boolean in) {
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < fold.length; i++) {
            if ((fold[i] == f) == in) {
                idx.add(i);
            }
        }
        return idx.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int[] ofSource(List<FailureReport> rows, int[] idx, Source s) {
        return java.util.Arrays.stream(idx).filter(i -> rows.get(i).source() == s).toArray();
    }

    private static List<FailureReport> pick(List<FailureReport> rows, int[] idx) {
        return java.util.Arrays.stream(idx).mapToObj(rows::get).toList();
    }

    private static void put(FaultType[] into, int[] idx, List<FaultType> values) {
        for (int i = 0; i < idx.length; i++) {
            into[idx[i]] = values.get(i);
        }
    }

}
