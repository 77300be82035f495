package imago.experiments.report;

import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How often each failure type occurs in each source, beside published reference figures:
 * grouped bars, our sources in colour, the references in grey.
 */
public final class TypeFrequencyChart {

    private TypeFrequencyChart() {
    }

    /**
     * @param observed  source to type to share of that source's reports, in [0, 1]
     * @param reference reference name (e.g. "Zhang et al. 2021") to type to share, in [0, 1];
     *                  may be empty
     */
    public static CategoryChart of(String title, Map<String, ? extends Map<String, Double>> observed,
                                   Map<String, ? extends Map<String, Double>> reference) {
        Set<String> types = new LinkedHashSet<>();
        observed.values().forEach(m -> types.addAll(m.keySet()));
        reference.values().forEach(m -> types.addAll(m.keySet()));
        if (types.isEmpty()) {
            throw new IllegalArgumentException("no type frequencies to draw for '" + title + "'");
        }
        List<String> categories = new ArrayList<>(types);
        CategoryChart c = Styles.category(new ChartText(title, "fault type", "share (%)"));
        c.getStyler().setAvailableSpaceFill(0.8);
        int i = 0;
        for (var e : observed.entrySet()) {
            add(c, e.getKey(), categories, e.getValue()).setFillColor(Palette.series(i++));
        }
        int r = 0;
        for (var e : reference.entrySet()) {
            add(c, e.getKey(), categories, e.getValue()).setFillColor(Palette.reference(r++));
        }
        Styles.rotateLabelsIfCrowded(c.getStyler(), categories.size() * Math.max(1, i + r) / 2,
                categories.stream().mapToInt(String::length).max().orElse(0));
        return c;
    }

    /** Counts to shares of their total, keeping the order. */
    public static Map<String, Double> shares(Map<String, ? extends Number> counts) {
        double total = counts.values().stream().mapToDouble(Number::doubleValue).sum();
        Map<String, Double> out = new LinkedHashMap<>();
        counts.forEach((k, v) -> out.put(k, total > 0 ? v.doubleValue() / total : 0.0));
        return out;
    }

    private static CategorySeries add(CategoryChart c, String name, List<String> categories, Map<String, Double> shares) {
        List<Double> ys = new ArrayList<>();
        for (String t : categories) {
            double v = shares.getOrDefault(t, 0.0);
            if (!(v >= 0 && v <= 1 + 1e-9)) {
                throw new IllegalArgumentException("share of type " + t + " in " + name + " must be in [0, 1], got " + v);
            }
            ys.add(100 * v);
        }
        return c.addSeries(name, categories, ys);
    }
}
