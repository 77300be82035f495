package imago.experiments.report;

import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Where the injected faults went, per strategy and fault type: stacked bars of caught before
 * the switch, reached production directly, and escaped the runtime test.
 */
public final class FaultOutcomeChart {

    private FaultOutcomeChart() {
    }

    /** @param counts strategy to fault type to counts, in display order */
    public static CategoryChart of(String title, Map<String, ? extends Map<String, OutcomeCounts>> counts) {
        List<String> categories = new ArrayList<>();
        List<OutcomeCounts> values = new ArrayList<>();
        counts.forEach((strategy, byType) -> byType.forEach((type, c) -> {
            categories.add(strategy + " / " + type);
            values.add(c);
        }));
        if (categories.isEmpty()) {
            throw new IllegalArgumentException("no fault outcomes to draw for '" + title + "'");
        }
        CategoryChart c = Styles.category(new ChartText(title, "strategy / fault type", "faults (count)"));
        c.getStyler().setStacked(true);
        c.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideS);
        add(c, "caught before the switch", categories, values, OutcomeCounts::caught, Palette.GREEN);
        add(c, "reached production directly", categories, values, OutcomeCounts::reachedProduction, Palette.ORANGE);
        add(c, "escaped the runtime test", categories, values, OutcomeCounts::escaped, Palette.VERMILLION);
        Styles.rotateLabelsIfCrowded(c.getStyler(), categories.size(),
                categories.stream().mapToInt(String::length).max().orElse(0));
        return c;
    }

    private static void add(CategoryChart c, String name, List<String> categories, List<OutcomeCounts> values,
                            ToDoubleFunction<OutcomeCounts> part, Color colour) {
        List<Double> ys = values.stream().map(v -> part.applyAsDouble(v)).toList();
        CategorySeries s = c.addSeries(name, categories, ys);
        s.setFillColor(colour);
    }
}
