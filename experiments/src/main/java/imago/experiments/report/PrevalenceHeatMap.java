package imago.experiments.report;

import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapSeries;

import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** How common each feature value is in each cluster: a heat map, clusters by features. */
public final class PrevalenceHeatMap {

    /** The share of a cluster's reports that have a feature value, in [0, 1]. */
    public record Cell(String cluster, String feature, double share) {
        public Cell {
            Objects.requireNonNull(cluster, "cluster");
            Objects.requireNonNull(feature, "feature");
            if (!(share >= 0 && share <= 1)) {
                throw new IllegalArgumentException("prevalence of " + feature + " in " + cluster
                        + " must be in [0, 1], got " + share);
            }
        }
    }

    private PrevalenceHeatMap() {
    }

    /** Rows and columns in first-seen order; a missing cell is left blank. */
    public static HeatMapChart of(String title, List<Cell> cells) {
        if (cells.isEmpty()) {
            throw new IllegalArgumentException("no prevalence cells to draw for '" + title + "'");
        }
        Map<String, Integer> features = new LinkedHashMap<>();
        Map<String, Integer> clusters = new LinkedHashMap<>();
        for (Cell c : cells) {
            features.putIfAbsent(c.feature(), features.size());
            clusters.putIfAbsent(c.cluster(), clusters.size());
        }
        List<Number[]> data = new ArrayList<>();
        for (Cell c : cells) {
            data.add(new Number[] {features.get(c.feature()), clusters.get(c.cluster()), c.share()});
        }
        int longest = features.keySet().stream().mapToInt(String::length).max().orElse(0);
        // Room for the rotated feature labels under the plot.
        int height = Styles.HEIGHT + Math.min(300, longest * 6);
        HeatMapChart chart = Styles.heatMap(new ChartText(title, "feature value", "cluster"),
                Math.max(Styles.WIDTH, 160 + 28 * features.size()), height);
        // Light to mid blue only: the black values stay readable on the darkest cell.
        chart.getStyler().setRangeColors(new Color[] {Color.WHITE, new Color(0xC6, 0xDB, 0xEF), new Color(0x6B, 0xAE, 0xD6),
                new Color(0x21, 0x71, 0xB5)});
        chart.getStyler().setShowValue(features.size() <= 30);
        chart.getStyler().setHeatMapValueDecimalPattern("0.00");
        chart.getStyler().setValueFontColor(Palette.BLACK);
        chart.getStyler().setValueFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 10));
        chart.getStyler().setXAxisLabelRotation(features.size() > 6 ? 90 : 0);
        chart.getStyler().setMin(0);
        chart.getStyler().setMax(1);
        HeatMapSeries s = chart.addSeries("share of reports in the cluster",
                new ArrayList<>(features.keySet()), new ArrayList<>(clusters.keySet()), data);
        s.setMin(0);
        s.setMax(1);
        return chart;
    }
}
