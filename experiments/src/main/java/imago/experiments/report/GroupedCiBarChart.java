package imago.experiments.report;

import imago.experiments.stats.Summary;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;

import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Several bars per scenario (e.g. measured and simulated), each a mean with its 95% CI whisker. */
public final class GroupedCiBarChart {

    private static final Color[] COLORS = {Palette.BLUE, Palette.VERMILLION, Palette.GREEN};

    private GroupedCiBarChart() {
    }

    /**
     * @param bySeries series name (legend) to scenario to summary; every series lists the same
     *                 scenarios, in display order
     */
    public static CategoryChart of(ChartText text, LinkedHashMap<String, Map<String, Summary>> bySeries) {
        if (bySeries.isEmpty()) {
            throw new IllegalArgumentException("no series to draw for '" + text.title() + "'");
        }
        CategoryChart c = Styles.category(text);
        List<String> names = new ArrayList<>(bySeries.values().iterator().next().keySet());
        int i = 0;
        for (var e : bySeries.entrySet()) {
            if (!e.getValue().keySet().equals(new java.util.LinkedHashSet<>(names))) {
                throw new IllegalArgumentException("series '" + e.getKey() + "' has other scenarios than " + names);
            }
            List<Double> means = new ArrayList<>();
            List<Double> halves = new ArrayList<>();
            for (String n : names) {
                Summary s = e.getValue().get(n);
                means.add(Double.isFinite(s.mean()) ? s.mean() : 0.0);
                halves.add(s.n() >= 2 && Double.isFinite(s.halfWidth()) ? s.halfWidth() : 0.0);
            }
            CategorySeries s = c.addSeries(e.getKey(), names, means, halves);
            s.setFillColor(COLORS[i++ % COLORS.length]);
        }
        c.getStyler().setLegendVisible(true);
        Styles.rotateLabelsIfCrowded(c.getStyler(), names.size(), names.stream().mapToInt(String::length).max().orElse(0));
        return c;
    }
}
