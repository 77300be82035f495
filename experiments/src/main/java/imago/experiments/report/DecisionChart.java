package imago.experiments.report;

import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * "Upgrade now or later": the expected loss of upgrading now against that of delaying, over a
 * parameter (e.g. the chance that the new version is faulty), with the crossovers marked, where
 * the better choice flips.
 */
public final class DecisionChart {

    /** The two expected losses at one value of the parameter. */
    public record Point(double x, double lossNow, double lossLater) {
        public Point {
            if (!Double.isFinite(x) || !Double.isFinite(lossNow) || !Double.isFinite(lossLater)) {
                throw new IllegalArgumentException("decision point must be finite: " + x + ", " + lossNow + ", " + lossLater);
            }
        }
    }

    /** Where the better choice flips: the parameter value and the loss there. */
    public record Crossover(double x, double loss) {
    }

    private DecisionChart() {
    }

    /** @param text axis titles; the y axis is the expected loss, with its unit */
    public static XYChart of(ChartText text, List<Point> points) {
        if (points.size() < 2) {
            throw new IllegalArgumentException("a decision chart needs at least 2 points, got " + points.size());
        }
        List<Point> ps = sorted(points);
        XYChart c = Styles.xy(text);
        double[] x = ps.stream().mapToDouble(Point::x).toArray();
        line(c, "upgrade now", x, ps.stream().mapToDouble(Point::lossNow).toArray(), 0);
        line(c, "delay the upgrade", x, ps.stream().mapToDouble(Point::lossLater).toArray(), 1);
        List<Crossover> cross = crossovers(ps);
        if (!cross.isEmpty()) {
            XYSeries m = c.addSeries("crossover", cross.stream().mapToDouble(Crossover::x).toArray(),
                    cross.stream().mapToDouble(Crossover::loss).toArray());
            m.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            m.setMarker(SeriesMarkers.DIAMOND);
            m.setMarkerColor(Palette.BLACK);
            double yTop = ps.stream().mapToDouble(p -> Math.max(p.lossNow(), p.lossLater())).max().orElse(0);
            double yBottom = ps.stream().mapToDouble(p -> Math.min(p.lossNow(), p.lossLater())).min().orElse(0);
            c.getStyler().setAnnotationLineColor(Palette.GREY);
            c.getStyler().setAnnotationLineStroke(Styles.dashed());
            for (Crossover k : cross) {
                c.addAnnotation(new AnnotationLine(k.x(), true, false));
                c.addAnnotation(new AnnotationText("crossover at " + Numbers.format(k.x()),
                        k.x(), yTop - 0.04 * (yTop - yBottom), false));
            }
        }
        return c;
    }

    /**
     * The parameter values where {@code lossNow - lossLater} changes sign, by linear
     * interpolation between neighbouring points; a point where the two are equal counts once.
     */
    public static List<Crossover> crossovers(List<Point> points) {
        List<Point> ps = sorted(points);
        List<Crossover> out = new ArrayList<>();
        for (int i = 0; i + 1 < ps.size(); i++) {
            Point a = ps.get(i);
            Point b = ps.get(i + 1);
            double da = a.lossNow() - a.lossLater();
            double db = b.lossNow() - b.lossLater();
            if (da == 0) {
                if (out.isEmpty() || out.getLast().x() != a.x()) {
                    out.add(new Crossover(a.x(), a.lossNow()));
                }
            } else if (da * db < 0) {
                double t = da / (da - db);
                out.add(new Crossover(a.x() + t * (b.x() - a.x()), a.lossNow() + t * (b.lossNow() - a.lossNow())));
            }
        }
        Point last = ps.getLast();
        if (last.lossNow() == last.lossLater() && (out.isEmpty() || out.getLast().x() != last.x())) {
            out.add(new Crossover(last.x(), last.lossNow()));
        }
        return List.copyOf(out);
    }

    private static List<Point> sorted(List<Point> points) {
        return points.stream().sorted(Comparator.comparingDouble(Point::x)).toList();
    }

    private static void line(XYChart c, String name, double[] x, double[] y, int i) {
        XYSeries s = c.addSeries(name, x, y);
        s.setLineColor(Palette.series(i));
        s.setMarkerColor(Palette.series(i));
        s.setMarker(x.length > 30 ? SeriesMarkers.NONE : Styles.marker(i));
        s.setLineStyle(Styles.solid(1.8f));
    }
}
