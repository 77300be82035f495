package imago.experiments.report;

import java.util.Objects;

/**
 * The words on a chart: its title and the axis titles, which should name their units, e.g.
 * {@code "time (s)"}.
 */
public record ChartText(String title, String xAxis, String yAxis) {

    public ChartText {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(xAxis, "xAxis");
        Objects.requireNonNull(yAxis, "yAxis");
    }
}
