package imago.faultmodel;

import imago.faultmodel.classify.Evaluation;
import imago.faultmodel.cluster.Distances;
import imago.faultmodel.cluster.Encoding;
import imago.faultmodel.cluster.Partition;
import imago.faultmodel.cluster.Upgma;
import imago.faultmodel.data.FailureReport;
import imago.faultmodel.data.Source;
import imago.faultmodel.text.TextCoding;
import imago.faultmodel.typing.Prevalence;
import imago.faultmodel.typing.TypeMapping;
import imago.faultmodel.typing.TypeSignature;
import imago.model.fault.FaultType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Does the text code help the clusters tell types 1 and 2 apart? The held-out procedure of
 * {@link HeldOut} (same folds, same k), once on the cause features alone and once with the text
 * code of a {@link TextCoding} pass as one more nominal feature: in the Gower distance (a report
 * without text, or coded NONE, has it missing) and in the signatures (type 1 gains the indicator
 * "text = SLIP", type 2 "text = SEMANTIC"). Held-out reports are classified by least average
 * distance to the training clusters, as {@link imago.faultmodel.classify.ClusterClassifier} does.
 * An analysis only: the fault model itself does not use the texts (bug reports have none).
 *
 * @param without per scope (source code or {@code pooled}): held out on the cause features
 * @param with    the same with the text code added
 */
public record TextHeldOut(Map<String, Evaluation> without, Map<String, Evaluation> with) {

    public TextHeldOut {
        without = Map.copyOf(without);
        with = Map.copyOf(with);
    }

    public static TextHeldOut run(List<FailureReport> rows, Map<String, String> texts, TextCoding pass, Options o,
                                  int k) {
        int n = rows.size();
        Encoding enc = Encoding.of(rows, o.features());
        int[] text = new int[n];
        for (int i = 0; i < n; i++) {
            String t = texts.get(rows.get(i).id());
            text[i] = t == null ? TextCoding.Code.NONE.ordinal() : pass.code(t).ordinal();
        }
        int none = TextCoding.Code.NONE.ordinal();
        Distances plain = enc.gower();
        Distances withText = Distances.of(n, (i, j) -> {
            int[] a = Arrays.copyOf(enc.codes(i), enc.features().size() + 1);
            int[] b = Arrays.copyOf(enc.codes(j), a.length);
            boolean[] ma = Arrays.copyOf(enc.missing(i), a.length);
            boolean[] mb = Arrays.copyOf(enc.missing(j), a.length);
            a[a.length - 1] = text[i];
            b[b.length - 1] = text[j];
            ma[a.length - 1] = text[i] == none;
            mb[b.length - 1] = text[j] == none;
            return Encoding.gower(a, ma, b, mb);
        });
        int[] fold = HeldOut.folds(rows, HeldOut.DEFAULT_FOLDS, o.seed());
        return new TextHeldOut(evaluate(rows, predict(rows, plain, null, fold, k, o)),
                evaluate(rows, predict(rows, withText, text, fold, k, o)));
    }

    private static FaultType[] predict(List<FailureReport> rows, Distances d, int[] text, int[] fold, int k, Options o) {
        FaultType[] out = new FaultType[rows.size()];
        for (int f = 0; f < HeldOut.DEFAULT_FOLDS; f++) {
            List<Integer> train = new ArrayList<>();
            List<Integer> test = new ArrayList<>();
            for (int i = 0; i < fold.length; i++) {
                (fold[i] == f ? test : train).add(i);
            }
            int[] idx = train.stream().mapToInt(Integer::intValue).toArray();
            Distances sub = d.subset(idx);
            List<FailureReport> trainRows = train.stream().map(rows::get).toList();
            Partition p = Upgma.cut(Upgma.fit(sub), sub, k, ModelFit.minSize(o, idx.length));
            double[][] scores = TypeMapping.scores(Prevalence.of(trainRows, p), TypeSignature.DEFAULT);
            if (text != null) {
                addTextIndicator(scores, p, Arrays.stream(idx).map(i -> text[i]).toArray());
            }
            FaultType[] types = TypeMapping.assign(scores);
            for (int i : test) {
                double[] sum = new double[p.k()];
                int[] count = p.sizes();
                for (int j = 0; j < idx.length; j++) {
                    sum[p.cluster(j)] += d.d(i, idx[j]);
                }
                int best = 0;
                for (int c = 1; c < p.k(); c++) {
                    if (sum[c] / count[c] < sum[best] / count[best] - 1e-12) {
                        best = c;
                    }
                }
                out[i] = types[best];
            }
        }
        return out;
    }

    /** Types 1 and 2 each gain one indicator: the lift of their text code in the cluster. */
    private static void addTextIndicator(double[][] scores, Partition p, int[] text) {
        int[] size = p.sizes();
        double[][] share = new double[p.k()][TextCoding.Code.values().length];
        double[] overall = new double[TextCoding.Code.values().length];
        for (int i = 0; i < text.length; i++) {
            share[p.cluster(i)][text[i]] += 1.0 / size[p.cluster(i)];
            overall[text[i]] += 1.0 / text.length;
        }
        if (overall[TextCoding.Code.NONE.ordinal()] > 1 - 1e-12) {
            return; // no report has a code: the indicator would only shrink the scores of types 1 and 2
        }
        Map<FaultType, TextCoding.Code> indicator = Map.of(FaultType.SIMPLE_CONFIG, TextCoding.Code.SLIP,
                FaultType.SEMANTIC_CONFIG, TextCoding.Code.SEMANTIC);
        for (TypeSignature sig : TypeSignature.DEFAULT) {
            TextCoding.Code code = indicator.get(sig.type());
            if (code == null) {
                continue;
            }
            int m = sig.indicators().size();
            for (int c = 0; c < p.k(); c++) {
                double lift = share[c][code.ordinal()] - overall[code.ordinal()];
                scores[c][sig.type().ordinal()] = (scores[c][sig.type().ordinal()] * m + lift) / (m + 1);
            }
        }
    }

    private static Map<String, Evaluation> evaluate(List<FailureReport> rows, FaultType[] predicted) {
        Map<String, Evaluation> out = new LinkedHashMap<>();
        for (Source s : Source.values()) {
            scope(rows, predicted, s).ifPresent(e -> out.put(s.code(), e));
        }
        scope(rows, predicted, null).ifPresent(e -> out.put(ShareBootstrap.POOLED, e));
        return out;
    }

    private static java.util.Optional<Evaluation> scope(List<FailureReport> rows, FaultType[] predicted, Source only) {
        List<FaultType> truth = new ArrayList<>();
        List<FaultType> got = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            FailureReport r = rows.get(i);
            if ((only == null || r.source() == only) && r.label().faultType().isPresent()) {
                truth.add(r.label().faultType().get());
                got.add(predicted[i]);
            }
        }
        return truth.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(Evaluation.of(truth, got));
    }
}
