package imago.experiments.report;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;

/**
 * Means over a numeric parameter, one series per strategy, each point with a whisker for its 95%
 * confidence interval. Whiskers are drawn as their own unlisted series rather than with XChart's
 * error bars, which are symmetric and break on log axes when the interval reaches zero.
 */
public final class CiLineChart {

    /** Which axes are logarithmic. */
    public enum Scale {
        LINEAR, LOG_X, LOG_Y, LOG_LOG;

        boolean logX() {
            return this == LOG_X || this == LOG_LOG;
        }

        boolean logY() {
            return this == LOG_Y || this == LOG_LOG;
        }
    }

    /** Joined points, or points alone. */
    public enum Render { LINE, SCATTER }

    private static final double CAP = 0.008; // whisker cap half-width, as a share of the x range

    private CiLineChart() {
    }

    public static XYChart of(ChartText text, List<CiSeries> series) {
        return of(text, series, Scale.LINEAR, Render.LINE);
    }

    /**
     * Points that a log axis cannot show (x or mean at or below zero) and points without a
     * finite mean are left out, and the series' legend entry says how many. Whiskers whose low
     * end is at or below zero on a log y axis run to the bottom of the plot.
     */
    public static XYChart of(ChartText text, List<CiSeries> series, Scale scale, Render render) {
        if (series.isEmpty()) {
            throw new IllegalArgumentException("no series to draw for '" + text.title() + "'");
        }
        List<List<CiSeries.Point>> kept = new ArrayList<>();
        List<Integer> omitted = new ArrayList<>();
        double xMin = Double.POSITIVE_INFINITY;
        double xMax = Double.NEGATIVE_INFINITY;
        double yFloor = Double.POSITIVE_INFINITY;
        for (CiSeries s : series) {
            List<CiSeries.Point> ok = new ArrayList<>();
            for (CiSeries.Point p : s.points()) {
                boolean drawable = Double.isFinite(p.x()) && Double.isFinite(p.y().mean())
                        && (!scale.logX() || p.x() > 0) && (!scale.logY() || p.y().mean() > 0);
                if (drawable) {
                    ok.add(p);
                    xMin = Math.min(xMin, p.x());
                    xMax = Math.max(xMax, p.x());
                    yFloor = Math.min(yFloor, p.y().mean());
                    if (p.y().ciLow() > 0) {
                        yFloor = Math.min(yFloor, p.y().ciLow());
                    }
                }
            }
            kept.add(ok);
            omitted.add(s.points().size() - ok.size());
        }
        if (kept.stream().allMatch(List::isEmpty)) {
            throw new IllegalArgumentException("no drawable points for '" + text.title() + "'"
                    + (scale == Scale.LINEAR ? "" : " on a " + scale + " scale"));
        }
        XYChart c = Styles.xy(text);
        c.getStyler().setXAxisLogarithmic(scale.logX());
        c.getStyler().setYAxisLogarithmic(scale.logY());
        Whiskers whiskers = new Whiskers(scale, xMin, xMax, scale.logY() ? yFloor / 2 : Double.NEGATIVE_INFINITY);
        for (int i = 0; i < series.size(); i++) {
            List<CiSeries.Point> ps = kept.get(i);
            if (ps.isEmpty()) {
                continue;
            }
            Color colour = Palette.series(i);
            String name = series.get(i).name() + (omitted.get(i) == 0 ? ""
                    : " (" + omitted.get(i) + " point" + (omitted.get(i) == 1 ? "" : "s") + " not drawable)");
            double[] x = ps.stream().mapToDouble(CiSeries.Point::x).toArray();
            double[] y = ps.stream().mapToDouble(p -> p.y().mean()).toArray();
            XYSeries main = c.addSeries(name, x, y);
            main.setXYSeriesRenderStyle(render == Render.LINE
                    ? XYSeries.XYSeriesRenderStyle.Line : XYSeries.XYSeriesRenderStyle.Scatter);
            main.setLineColor(colour);
            main.setMarkerColor(colour);
            main.setMarker(Styles.marker(i));
            main.setLineStyle(Styles.solid(1.6f));
            whiskers.add(c, name, ps, colour);
        }
        return c;
    }

    /** Draws the whiskers of one series as a single NaN-separated line series. */
    private record Whiskers(Scale scale, double xMin, double xMax, double yFloor) {

        void add(XYChart c, String name, List<CiSeries.Point> ps, Color colour) {
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (CiSeries.Point p : ps) {
                double lo = p.y().ciLow();
                double hi = p.y().ciHigh();
                if (p.y().n() < 2 || !Double.isFinite(lo) || !Double.isFinite(hi) || hi <= lo) {
                    continue;
                }
                lo = Math.max(lo, yFloor);
                double left = capEdge(p.x(), -1);
                double right = capEdge(p.x(), +1);
                segment(xs, ys, p.x(), lo, p.x(), hi);
                segment(xs, ys, left, lo, right, lo);
                segment(xs, ys, left, hi, right, hi);
            }
            if (xs.isEmpty()) {
                return;
            }
            XYSeries w = c.addSeries(name + " 95% CI", xs, ys);
            w.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            w.setMarker(SeriesMarkers.NONE);
            w.setLineColor(colour);
            w.setLineStyle(Styles.solid(1.1f));
            w.setShowInLegend(false);
        }

        private double capEdge(double x, int side) {
            if (scale.logX()) {
                double decades = xMax > xMin ? Math.log10(xMax / xMin) : 1;
                return x * Math.pow(10, side * CAP * decades);
            }
            double range = xMax > xMin ? xMax - xMin : Math.max(1, Math.abs(x));
            return x + side * CAP * range;
        }

        private static void segment(List<Double> xs, List<Double> ys, double x1, double y1, double x2, double y2) {
            if (!xs.isEmpty()) {
                xs.add(x1);
                ys.add(Double.NaN);
            }
            xs.add(x1);
            ys.add(y1);
            xs.add(x2);
            ys.add(y2);
        }
    }
}
