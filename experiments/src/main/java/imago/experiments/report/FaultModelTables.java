package imago.experiments.report;

import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the fault-model chart inputs from tables (e.g. {@code Table.read().csv(file)}), by
 * column name, whatever types Tablesaw guessed for the columns.
 */
public final class FaultModelTables {

    private FaultModelTables() {
    }

    /** Columns {@code left, right, height}. */
    public static List<DendrogramChart.Merge> merges(Table t) {
        List<DendrogramChart.Merge> out = new ArrayList<>();
        for (int r = 0; r < t.rowCount(); r++) {
            out.add(new DendrogramChart.Merge((int) number(t, "left", r), (int) number(t, "right", r),
                    number(t, "height", r)));
        }
        return out;
    }

    /** Columns {@code label} (or {@code id}) and {@code source}, one row per leaf in leaf-id order. */
    public static List<DendrogramChart.Leaf> leaves(Table t) {
        String label = t.containsColumn("label") ? "label" : "id";
        List<DendrogramChart.Leaf> out = new ArrayList<>();
        for (int r = 0; r < t.rowCount(); r++) {
            out.add(new DendrogramChart.Leaf(text(t, label, r), text(t, "source", r)));
        }
        return out;
    }

    /** Columns {@code k, silhouette}. */
    public static Map<Integer, Double> silhouette(Table t) {
        Map<Integer, Double> out = new LinkedHashMap<>();
        for (int r = 0; r < t.rowCount(); r++) {
            out.put((int) number(t, "k", r), number(t, "silhouette", r));
        }
        return out;
    }

    /** Columns {@code cluster, feature} and {@code share} (or {@code prevalence}). */
    public static List<PrevalenceHeatMap.Cell> prevalence(Table t) {
        String share = t.containsColumn("share") ? "share" : "prevalence";
        List<PrevalenceHeatMap.Cell> out = new ArrayList<>();
        for (int r = 0; r < t.rowCount(); r++) {
            out.add(new PrevalenceHeatMap.Cell(text(t, "cluster", r), text(t, "feature", r), number(t, share, r)));
        }
        return out;
    }

    /** Columns {@code source, type, share}: source to type to share, in first-seen order. */
    public static Map<String, Map<String, Double>> frequencies(Table t) {
        Map<String, Map<String, Double>> out = new LinkedHashMap<>();
        for (int r = 0; r < t.rowCount(); r++) {
            out.computeIfAbsent(text(t, "source", r), k -> new LinkedHashMap<>())
                    .put(text(t, "type", r), number(t, "share", r));
        }
        return out;
    }

    private static Column<?> column(Table t, String name) {
        if (!t.containsColumn(name)) {
            throw new IllegalArgumentException("table '" + t.name() + "' has no column '" + name + "'; it has "
                    + t.columnNames());
        }
        return t.column(name);
    }

    private static double number(Table t, String name, int row) {
        Column<?> c = column(t, name);
        if (c instanceof NumericColumn<?> n) {
            return n.getDouble(row);
        }
        String s = c.getString(row).trim();
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("table '" + t.name() + "' row " + (row + 1) + " column '" + name
                    + "': not a number: '" + s + "'", e);
        }
    }

    private static String text(Table t, String name, int row) {
        return column(t, name).getString(row);
    }
}
