package imago.experiments.report;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;

/**
 * The candidates of an advice in the plane of two metrics (e.g. resource cost against availability),
 * the non-dominated ones marked as the Pareto front, the recommended one apart.
 */
public final class ParetoChart {

    /** One candidate: its position, whether it met the requirements, and whether it was recommended. */
    public record Point(String label, double x, double y, boolean feasible, boolean recommended) {
    }

    private ParetoChart() {
    }

    /**
     * @param lowerXBetter  whether less of the x metric is better (cost, duration)
     * @param higherYBetter whether more of the y metric is better (availability)
     */
    public static XYChart of(ChartText text, List<Point> points, boolean lowerXBetter, boolean higherYBetter) {
        List<Point> finite = points.stream().filter(p -> Double.isFinite(p.x()) && Double.isFinite(p.y())).toList();
        if (finite.isEmpty()) {
            throw new IllegalArgumentException("a Pareto chart needs at least one candidate with both metrics");
        }
        List<Point> front = front(finite, lowerXBetter, higherYBetter);
        XYChart c = Styles.xy(text);
        c.getStyler().setLegendVisible(true);
        add(c, "missed a requirement or dropped", finite.stream().filter(p -> !p.feasible()).toList(), Palette.GREY, SeriesMarkers.CIRCLE);
        add(c, "met the requirements", finite.stream().filter(p -> p.feasible() && !front.contains(p)).toList(), Palette.BLUE, SeriesMarkers.CIRCLE);
        add(c, "Pareto front (met, not dominated)", finite.stream().filter(p -> p.feasible() && front.contains(p)).toList(),
                Palette.VERMILLION, SeriesMarkers.SQUARE);
        add(c, "recommended", finite.stream().filter(Point::recommended).toList(), Palette.BLACK, SeriesMarkers.DIAMOND);
        return c;
    }

    /** The feasible points no other feasible point beats on both axes. */
    public static List<Point> front(List<Point> points, boolean lowerXBetter, boolean higherYBetter) {
        List<Point> out = new ArrayList<>();
        for (Point p : points) {
            if (!p.feasible()) {
                continue;
            }
            boolean dominated = false;
            for (Point q : points) {
                if (q == p || !q.feasible()) {
                    continue;
                }
                boolean xAsGood = lowerXBetter ? q.x() <= p.x() : q.x() >= p.x();
                boolean yAsGood = higherYBetter ? q.y() >= p.y() : q.y() <= p.y();
                boolean better = q.x() != p.x() || q.y() != p.y();
                if (xAsGood && yAsGood && better) {
                    dominated = true;
                    break;
                }
            }
            if (!dominated) {
                out.add(p);
            }
        }
        return out;
    }

    private static void add(XYChart c, String name, List<Point> ps, Color color, org.knowm.xchart.style.markers.Marker marker) {
        if (ps.isEmpty()) {
            return;
        }
        XYSeries s = c.addSeries(name, ps.stream().mapToDouble(Point::x).toArray(), ps.stream().mapToDouble(Point::y).toArray());
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarker(marker);
        s.setMarkerColor(color);
    }
}
