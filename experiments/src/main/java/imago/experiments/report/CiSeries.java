package imago.experiments.report;

import imago.experiments.stats.Summary;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** A named curve of means with confidence intervals, e.g. one strategy's races per batch size. */
public record CiSeries(String name, List<Point> points) {

    /** The summary of the replications at one x value. */
    public record Point(double x, Summary y) {
        public Point {
            Objects.requireNonNull(y, "y");
        }
    }

    public CiSeries {
        Objects.requireNonNull(name, "name");
        points = points.stream().sorted(Comparator.comparingDouble(Point::x)).toList();
    }

    /** A series from x value to summary. */
    public static CiSeries of(String name, Map<? extends Number, Summary> byX) {
        List<Point> ps = new ArrayList<>();
        byX.forEach((x, s) -> ps.add(new Point(x.doubleValue(), s)));
        return new CiSeries(name, ps);
    }

    /** One series per entry of {@code bySeries}, in its order. */
    public static List<CiSeries> all(Map<String, ? extends Map<? extends Number, Summary>> bySeries) {
        List<CiSeries> out = new ArrayList<>();
        bySeries.forEach((name, byX) -> out.add(of(name, byX)));
        return List.copyOf(out);
    }
}
