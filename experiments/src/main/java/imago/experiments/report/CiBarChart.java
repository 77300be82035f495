package imago.experiments.report;

import imago.experiments.stats.Summary;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One bar per scenario: the mean of a metric with a whisker for its 95% confidence interval. */
public final class CiBarChart {

    private CiBarChart() {
    }

    /**
     * @param byScenario scenario to the metric's summary, in display order. A summary with no
     *                   data (n = 0) is drawn as an empty bar; with n = 1 it has no whisker.
     */
    public static CategoryChart of(ChartText text, Map<String, Summary> byScenario) {
        if (byScenario.isEmpty()) {
            throw new IllegalArgumentException("no scenarios to draw for '" + text.title() + "'");
        }
        CategoryChart c = Styles.category(text);
        List<String> names = new ArrayList<>(byScenario.keySet());
        List<Double> means = new ArrayList<>();
        List<Double> halves = new ArrayList<>();
        for (Summary s : byScenario.values()) {
            means.add(Double.isFinite(s.mean()) ? s.mean() : 0.0);
            halves.add(s.n() >= 2 && Double.isFinite(s.halfWidth()) ? s.halfWidth() : 0.0);
        }
        CategorySeries s = c.addSeries("mean with 95% CI", names, means, halves);
        s.setFillColor(Palette.BLUE);
        c.getStyler().setLegendVisible(false);
        Styles.rotateLabelsIfCrowded(c.getStyler(), names.size(), names.stream().mapToInt(String::length).max().orElse(0));
        return c;
    }
}
