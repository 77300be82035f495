package imago.faultmodel.classify;

import imago.faultmodel.cluster.Partition;
import imago.faultmodel.data.FailureReport;
import imago.faultmodel.data.Feature;
import imago.faultmodel.typing.Prevalence;
import imago.faultmodel.typing.TypeSignature;
import imago.model.fault.FaultType;
import smile.classification.DecisionTree;
import smile.data.DataFrame;
import smile.data.formula.Formula;
import smile.model.cart.SplitRule;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reference lines for the held-out evaluation. Neither is ever used to build the fault model.
 * <ul>
 *   <li>{@link #signatureRule}: the type signatures applied to one report at a time, scored
 *       against the training reports' prevalences (a cluster of one report);</li>
 *   <li>{@link #tree}: a small supervised CART tree (Smile) on the same features, one-hot coded,
 *       trained on the training reports' 1-4 labels: what labels could buy.</li>
 * </ul>
 */
public final class Baselines {

    /** Small on purpose: a readable reference, not a tuned competitor. */
    static final int TREE_MAX_DEPTH = 6;
    static final int TREE_MAX_NODES = 24;
    static final int TREE_NODE_SIZE = 5;

    private Baselines() {
    }

    /** The type whose signature scores {@code r} highest, lifts taken against {@code train}; ties to the lower type. */
    public static List<FaultType> signatureRule(List<FailureReport> train, List<FailureReport> test) {
        Prevalence all = Prevalence.of(train, Partition.canonical(new int[train.size()]));
        List<FaultType> out = new ArrayList<>();
        for (FailureReport r : test) {
            FaultType best = null;
            double bestScore = Double.NEGATIVE_INFINITY;
            for (TypeSignature sig : TypeSignature.DEFAULT) {
                double s = 0;
                for (TypeSignature.Indicator i : sig.indicators()) {
                    double has = r.value(i.feature()).equals(i.value()) ? 1 : 0;
                    s += i.sign() * (has - all.overall(i.feature(), i.value()));
                }
                s /= sig.indicators().size();
                if (s > bestScore + 1e-12) {
                    bestScore = s;
                    best = sig.type();
                }
            }
            out.add(best);
        }
        return out;
    }

    /**
     * A CART tree trained on the reports of {@code train} labelled 1-4; empty when they hold fewer
     * than two types.
     */
    public static Optional<List<FaultType>> tree(List<FailureReport> train, List<FailureReport> test,
                                                 List<Feature> features) {
        List<FailureReport> labelled = train.stream().filter(r -> r.label().faultType().isPresent()).toList();
        if (labelled.stream().map(r -> r.label().faultType().get()).distinct().count() < 2) {
            return Optional.empty();
        }
        String[] names = columns(features);
        DecisionTree t = DecisionTree.fit(Formula.lhs("y"), frame(labelled, features, names, true),
                new DecisionTree.Options(SplitRule.GINI, TREE_MAX_DEPTH, TREE_MAX_NODES, TREE_NODE_SIZE));
        int[] p = t.predict(frame(test, features, names, false));
        List<FaultType> out = new ArrayList<>();
        for (int v : p) {
            out.add(FaultType.values()[v]);
        }
        return Optional.of(out);
    }

    private static String[] columns(List<Feature> features) {
        List<String> names = new ArrayList<>();
        for (Feature f : features) {
            for (String v : f.vocabulary()) {
                names.add(f.column() + "=" + v);
            }
        }
        names.add("y");
        return names.toArray(String[]::new);
    }

    /** One-hot codes and, for training, the label's type index (test rows get 0: their labels stay unseen). */
    private static DataFrame frame(List<FailureReport> rows, List<Feature> features, String[] names, boolean labels) {
        int[][] x = new int[rows.size()][names.length];
        for (int i = 0; i < rows.size(); i++) {
            FailureReport r = rows.get(i);
            int at = 0;
            for (Feature f : features) {
                x[i][at + r.code(f)] = 1;
                at += f.vocabulary().size();
            }
            x[i][at] = labels ? r.label().faultType().orElseThrow().ordinal() : 0;
        }
        return DataFrame.of(x, names);
    }
}
