package imago.faultmodel.classify;

import imago.model.fault.FaultType;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Predicted against labelled fault types, over reports labelled 1-4 (X and U name no type and
 * are left out). Proportions carry 95% Wilson score intervals, which stay inside [0, 1] and
 * behave on small counts.
 *
 * @param confusion {@code confusion[t][p]}: reports labelled type t predicted as type p
 */
public record Evaluation(int[][] confusion) {

    /** z for a two-sided 95% interval. */
    public static final double Z95 = 1.959963984540054;

    /** A proportion with its Wilson interval; NaN when there is nothing to count. */
    public record Proportion(int hits, int total, double value, double low, double high) {
        public static Proportion of(int hits, int total) {
            if (total == 0) {
                return new Proportion(0, 0, Double.NaN, Double.NaN, Double.NaN);
            }
            double p = (double) hits / total;
            double z2 = Z95 * Z95;
            double centre = (p + z2 / (2.0 * total)) / (1 + z2 / total);
            double half = Z95 * Math.sqrt(p * (1 - p) / total + z2 / (4.0 * total * total)) / (1 + z2 / total);
            return new Proportion(hits, total, p, Math.max(0, centre - half), Math.min(1, centre + half));
        }
    }

    public Evaluation {
        int n = FaultType.values().length;
        if (confusion.length != n) {
            throw new IllegalArgumentException("confusion: need " + n + " rows");
        }
        int[][] c = new int[n][];
        for (int t = 0; t < n; t++) {
            c[t] = confusion[t].clone();
        }
        confusion = c;
    }

    public static Evaluation of(List<FaultType> labels, List<FaultType> predicted) {
        if (labels.size() != predicted.size()) {
            throw new IllegalArgumentException("one prediction per label needed");
        }
        int n = FaultType.values().length;
        int[][] c = new int[n][n];
        for (int i = 0; i < labels.size(); i++) {
            c[labels.get(i).ordinal()][predicted.get(i).ordinal()]++;
        }
        return new Evaluation(c);
    }

    @Override
    public int[][] confusion() {
        int[][] c = new int[confusion.length][];
        for (int t = 0; t < c.length; t++) {
            c[t] = confusion[t].clone();
        }
        return c;
    }

    // Records compare arrays by reference; an evaluation is a value.
    @Override
    public boolean equals(Object o) {
        return o instanceof Evaluation e && java.util.Arrays.deepEquals(e.confusion, confusion);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.deepHashCode(confusion);
    }

    @Override
    public String toString() {
        return "Evaluation[confusion=" + java.util.Arrays.deepToString(confusion) + "]";
    }

    public int total() {
        int s = 0;
        for (int[] row : confusion) {
            for (int v : row) {
                s += v;
            }
        }
        return s;
    }

    public Proportion accuracy() {
        int hits = 0;
        for (int t = 0; t < confusion.length; t++) {
            hits += confusion[t][t];
        }
        return Proportion.of(hits, total());
    }

    /** Of the reports labelled {@code t}, the share predicted {@code t}. */
    public Proportion recall(FaultType t) {
        int total = 0;
        for (int v : confusion[t.ordinal()]) {
            total += v;
        }
        return Proportion.of(confusion[t.ordinal()][t.ordinal()], total);
    }

    /** Of the reports predicted {@code t}, the share labelled {@code t}. */
    public Proportion precision(FaultType t) {
        int total = 0;
        for (int[] row : confusion) {
            total += row[t.ordinal()];
        }
        return Proportion.of(confusion[t.ordinal()][t.ordinal()], total);
    }

    /** Mean recall over the types that have labelled reports. */
    public double macroRecall() {
        double sum = 0;
        int n = 0;
        for (FaultType t : FaultType.values()) {
            Proportion r = recall(t);
            if (r.total() > 0) {
                sum += r.value();
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /** The smallest recall over the types that have labelled reports. */
    public double minRecall() {
        double min = Double.NaN;
        for (FaultType t : FaultType.values()) {
            Proportion r = recall(t);
            if (r.total() > 0 && !(r.value() >= min)) {
                min = r.value();
            }
        }
        return min;
    }

    /**
     * {@code evaluation.csv}: {@code metric,type,predicted,hits,total,value,wilson_low,wilson_high}; metrics
     * {@code accuracy}, {@code recall}, {@code precision}, {@code macro_recall} and {@code confusion}
     * (hits = reports labelled {@code type} predicted {@code predicted}).
     */
    public String csv() {
        List<String> lines = new ArrayList<>();
        lines.add("metric,type,predicted,hits,total,value,wilson_low,wilson_high");
        lines.add(line("accuracy", "all", "", accuracy()));
        for (FaultType t : FaultType.values()) {
            lines.add(line("recall", Integer.toString(t.number()), "", recall(t)));
        }
        for (FaultType t : FaultType.values()) {
            lines.add(line("precision", Integer.toString(t.number()), "", precision(t)));
        }
        lines.add("macro_recall,all,,,," + num(macroRecall()) + ",,");
        for (FaultType t : FaultType.values()) {
            int row = 0;
            for (int v : confusion[t.ordinal()]) {
                row += v;
            }
            for (FaultType p : FaultType.values()) {
                lines.add("confusion," + t.number() + "," + p.number() + "," + confusion[t.ordinal()][p.ordinal()]
                        + "," + row + ",,,");
            }
        }
        return String.join("\n", lines) + "\n";
    }

    private static String line(String metric, String type, String predicted, Proportion p) {
        return metric + "," + type + "," + predicted + "," + p.hits() + "," + p.total() + "," + num(p.value()) + ","
                + num(p.low()) + "," + num(p.high());
    }

    static String num(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.4f", v);
    }
}
