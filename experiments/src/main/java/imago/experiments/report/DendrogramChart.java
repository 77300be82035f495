package imago.experiments.report;

import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.BasicStroke;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The merge tree of the failure-report clustering, with a coloured rug under the leaves showing
 * which source each report came from: mixing of colours within a branch means the sources agree.
 */
public final class DendrogramChart {

    /**
     * One merge, in the R/SciPy convention: ids below n are leaves, id n+j is the cluster made by
     * merge j.
     */
    public record Merge(int left, int right, double height) {
    }

    /** A leaf: its label (e.g. the report id) and its source (e.g. "bug", "operator", "field"). */
    public record Leaf(String label, String source) {
        public Leaf {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(source, "source");
        }
    }

    private static final int MAX_LABELLED_LEAVES = 40;

    private DendrogramChart() {
    }

    public static XYChart of(String title, List<Merge> merges, List<Leaf> leaves) {
        return of(title, merges, leaves, Double.NaN);
    }

    /** @param cutHeight where the tree is cut into clusters, drawn as a dashed line; NaN for none */
    public static XYChart of(String title, List<Merge> merges, List<Leaf> leaves, double cutHeight) {
        int n = leaves.size();
        validate(merges, n);
        double[] x = new double[2 * n - 1];
        double[] y = new double[2 * n - 1];
        List<Integer> order = leafOrder(merges, n);
        for (int i = 0; i < n; i++) {
            x[order.get(i)] = i;
        }
        double top = 0;
        List<Double> tx = new ArrayList<>();
        List<Double> ty = new ArrayList<>();
        for (int j = 0; j < merges.size(); j++) {
            Merge m = merges.get(j);
            int id = n + j;
            x[id] = (x[m.left()] + x[m.right()]) / 2;
            y[id] = m.height();
            top = Math.max(top, m.height());
            if (!tx.isEmpty()) {
                tx.add(x[m.left()]);
                ty.add(Double.NaN);
            }
            // The usual upside-down U: left child up, across, down to the right child.
            tx.addAll(List.of(x[m.left()], x[m.left()], x[m.right()], x[m.right()]));
            ty.addAll(List.of(y[m.left()], m.height(), m.height(), y[m.right()]));
        }
        XYChart c = Styles.xy(new ChartText(title, "failure reports in tree order (n = " + n + ")",
                "linkage distance"));
        double rug = 0.05 * Math.max(top, 1e-9);
        addRug(c, leaves, x, rug);
        if (!tx.isEmpty()) {
            XYSeries tree = c.addSeries("merges", tx, ty);
            tree.setMarker(SeriesMarkers.NONE);
            tree.setLineColor(Palette.BLACK);
            tree.setLineStyle(Styles.solid(n > 300 ? 0.5f : 0.9f));
            tree.setShowInLegend(false);
        }
        if (Double.isFinite(cutHeight)) {
            c.getStyler().setAnnotationLineColor(Palette.VERMILLION);
            c.getStyler().setAnnotationLineStroke(Styles.dashed());
            c.addAnnotation(new AnnotationLine(cutHeight, false, false));
            c.addAnnotation(new AnnotationText("cut", n * 0.98, cutHeight + 0.03 * top, false));
        }
        c.getStyler().setXAxisMin(-0.02 * n - 0.5);
        c.getStyler().setXAxisMax(1.02 * n - 0.5);
        c.getStyler().setYAxisMin(-1.3 * rug);
        c.getStyler().setYAxisMax(top * 1.05 + 1e-9);
        c.getStyler().setPlotGridVerticalLinesVisible(false);
        // Below 0 lies the rug, not distances: no tick labels there.
        c.getStyler().setyAxisTickLabelsFormattingFunction(TickLabels.showing(v -> v > -1e-12, Numbers::format));
        if (n <= MAX_LABELLED_LEAVES) {
            String[] labels = uniqueLabels(leaves, x);
            c.getStyler().setXAxisTickMarkSpacingHint(10);
            c.getStyler().setXAxisLabelRotation(90);
            c.getStyler().setxAxisTickLabelsFormattingFunction(TickLabels.showing(
                    v -> Math.abs(v - Math.round(v)) < 1e-6 && v > -0.5 && v < n - 0.5,
                    v -> labels[(int) Math.round(v)]));
        } else {
            c.getStyler().setXAxisTicksVisible(false);
        }
        return c;
    }

    /**
     * Leaf labels by position, made distinct (XChart hangs on equal tick labels, see
     * {@link TickLabels}).
     */
    private static String[] uniqueLabels(List<Leaf> leaves, double[] x) {
        String[] labels = new String[leaves.size()];
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < leaves.size(); i++) {
            String l = leaves.get(i).label();
            for (int k = 2; !seen.add(l); k++) {
                l = leaves.get(i).label() + " (" + k + ")";
            }
            labels[(int) x[i]] = l;
        }
        return labels;
    }

    /** One short vertical tick under each leaf, a series per source so the legend names the colours. */
    private static void addRug(XYChart c, List<Leaf> leaves, double[] x, double rug) {
        Map<String, List<Integer>> bySource = new LinkedHashMap<>();
        for (int i = 0; i < leaves.size(); i++) {
            bySource.computeIfAbsent(leaves.get(i).source(), k -> new ArrayList<>()).add(i);
        }
        int k = 0;
        float width = (float) Math.max(0.6, Math.min(4, Styles.WIDTH * 0.8 / leaves.size()));
        for (var e : bySource.entrySet()) {
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (int leaf : e.getValue()) {
                if (!xs.isEmpty()) {
                    xs.add(x[leaf]);
                    ys.add(Double.NaN);
                }
                xs.addAll(List.of(x[leaf], x[leaf]));
                ys.addAll(List.of(-0.2 * rug, -1.2 * rug));
            }
            XYSeries s = c.addSeries("source: " + e.getKey(), xs, ys);
            s.setMarker(SeriesMarkers.NONE);
            s.setLineColor(Palette.series(k++));
            s.setLineStyle(new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER));
        }
    }

    /** Leaves left to right: depth-first from the root, left child first. */
    private static List<Integer> leafOrder(List<Merge> merges, int n) {
        List<Integer> order = new ArrayList<>(n);
        Deque<Integer> stack = new ArrayDeque<>();
        stack.push(merges.isEmpty() ? 0 : n + merges.size() - 1);
        while (!stack.isEmpty()) {
            int id = stack.pop();
            if (id < n) {
                order.add(id);
            } else {
                Merge m = merges.get(id - n);
                stack.push(m.right());
                stack.push(m.left());
            }
        }
        return order;
    }

    private static void validate(List<Merge> merges, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("a dendrogram needs at least one leaf");
        }
        if (merges.size() != n - 1) {
            throw new IllegalArgumentException("a tree of " + n + " leaves has " + (n - 1) + " merges, got " + merges.size());
        }
        boolean[] used = new boolean[2 * n - 1];
        for (int j = 0; j < merges.size(); j++) {
            Merge m = merges.get(j);
            for (int id : new int[] {m.left(), m.right()}) {
                if (id < 0 || id >= n + j) {
                    throw new IllegalArgumentException("merge " + j + " refers to " + id
                            + ", which does not exist yet (ids below " + (n + j) + ")");
                }
                if (used[id]) {
                    throw new IllegalArgumentException("merge " + j + " reuses " + id + ", already merged");
                }
                used[id] = true;
            }
            if (!Double.isFinite(m.height()) || m.height() < 0) {
                throw new IllegalArgumentException("merge " + j + " has height " + m.height());
            }
        }
    }
}
