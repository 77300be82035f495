package imago.experiments.report;

import imago.model.metrics.TimelineBin;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Availability over time: the success ratio of each second, one line per scenario, with the
 * upgrade's phases drawn as lanes below the curves (one lane per scenario, in its colour), so
 * a dip can be read against the step that caused it.
 */
public final class TimelineChart {

    private static final double LANE = 0.09;     // height of one phase lane, in success-ratio units
    private static final double LANE_GAP = 0.02; // white space between lanes
    private static final double TOP_GAP = 0.04;  // white space between the 0 line and the first lane
    private static final double CHAR_PX = 6.5;   // rough width of a label character at 11 pt

    private TimelineChart() {
    }

    /** The timeline without phases. */
    public static XYChart of(String title, Map<String, List<TimelineBin>> timelines) {
        return of(title, timelines, Map.of());
    }

    /**
     * @param timelines scenario to its per-second bins (one replication, or {@link #pooled})
     * @param phases    scenario to its phases, in the bins' seconds; scenarios may be missing
     */
    public static XYChart of(String title, Map<String, List<TimelineBin>> timelines,
                             Map<String, List<Phase>> phases) {
        if (timelines.isEmpty() || timelines.values().stream().allMatch(List::isEmpty)) {
            throw new IllegalArgumentException("no timeline bins to draw for '" + title + "'");
        }
        for (String s : phases.keySet()) {
            if (!timelines.containsKey(s)) {
                throw new IllegalArgumentException("phases given for unknown scenario '" + s + "'");
            }
        }
        XYChart c = Styles.xy(new ChartText(title, "time (s)", "successful / offered requests per second"));
        double xMin = Double.POSITIVE_INFINITY;
        double xMax = Double.NEGATIVE_INFINITY;
        for (List<TimelineBin> bins : timelines.values()) {
            for (TimelineBin b : bins) {
                xMin = Math.min(xMin, b.second());
                xMax = Math.max(xMax, b.second() + 1);
            }
        }
        for (List<Phase> ps : phases.values()) {
            for (Phase p : ps) {
                xMin = Math.min(xMin, p.startS());
                xMax = Math.max(xMax, p.endS());
            }
        }
        int lanes = (int) phases.values().stream().filter(l -> !l.isEmpty()).count();
        int i = 0;
        int lane = 0;
        for (var e : timelines.entrySet()) {
            Color colour = Palette.series(i);
            List<Phase> ps = phases.getOrDefault(e.getKey(), List.of());
            if (!ps.isEmpty()) {
                addLane(c, e.getKey(), ps, lane++, colour, xMin, xMax);
            }
            if (!e.getValue().isEmpty()) {
                addCurve(c, e.getKey(), e.getValue(), colour, i);
            }
            i++;
        }
        c.getStyler().setXAxisMin(xMin);
        c.getStyler().setXAxisMax(xMax);
        c.getStyler().setYAxisMin(lanes == 0 ? 0.0 : -(TOP_GAP + lanes * LANE));
        c.getStyler().setYAxisMax(1.02);
        if (lanes > 0) {
            // Below 0 lie the phase lanes, not ratios: no tick labels there.
            c.getStyler().setyAxisTickLabelsFormattingFunction(TickLabels.showing(
                    v -> v > -1e-9 && v < 1.0 + 1e-9, v -> String.format(Locale.ROOT, "%.1f", v)));
            c.addAnnotation(new AnnotationLine(0, false, false));
            c.getStyler().setAnnotationLineColor(Palette.GREY);
            c.getStyler().setAnnotationLineStroke(new BasicStroke(0.8f));
        }
        return c;
    }

    /**
     * Sums the bins of several replications second by second, so the curve is the pooled success
     * ratio; the new-version share is averaged.
     */
    public static List<TimelineBin> pooled(List<List<TimelineBin>> replications) {
        TreeMap<Integer, long[]> counts = new TreeMap<>();
        TreeMap<Integer, double[]> share = new TreeMap<>();
        for (List<TimelineBin> rep : replications) {
            for (TimelineBin b : rep) {
                long[] c = counts.computeIfAbsent(b.second(), k -> new long[3]);
                c[0] += b.offered();
                c[1] += b.succeeded();
                c[2] += b.failed();
                double[] s = share.computeIfAbsent(b.second(), k -> new double[2]);
                s[0] += b.newVersionShare();
                s[1]++;
            }
        }
        List<TimelineBin> out = new ArrayList<>();
        for (var e : counts.entrySet()) {
            long[] c = e.getValue();
            double[] s = share.get(e.getKey());
            out.add(new TimelineBin(e.getKey(), Math.toIntExact(c[0]), Math.toIntExact(c[1]),
                    Math.toIntExact(c[2]), s[0] / s[1]));
        }
        return List.copyOf(out);
    }

    private static void addCurve(XYChart c, String name, List<TimelineBin> bins, Color colour, int i) {
        List<TimelineBin> sorted = bins.stream().sorted((a, b) -> Integer.compare(a.second(), b.second())).toList();
        // A bin covers [second, second + 1): step style plus a closing point draws exactly that.
        double[] x = new double[sorted.size() + 1];
        double[] y = new double[sorted.size() + 1];
        for (int k = 0; k < sorted.size(); k++) {
            x[k] = sorted.get(k).second();
            y[k] = sorted.get(k).successRatio();
        }
        x[sorted.size()] = sorted.getLast().second() + 1;
        y[sorted.size()] = y[sorted.size() - 1];
        XYSeries s = c.addSeries(name, x, y);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Step);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(colour);
        s.setLineStyle(i == 0 ? Styles.solid(1.8f) : dash(i));
    }

    // Overlapping curves (all at 1.0 most of the time) stay apart by dash pattern, not only colour.
    private static BasicStroke dash(int i) {
        float on = 4f + 3f * (i % 3);
        return new BasicStroke(1.8f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {on, 3f}, 0f);
    }

    private static void addLane(XYChart c, String scenario, List<Phase> phases, int lane, Color colour,
                                double xMin, double xMax) {
        double top = -TOP_GAP - lane * LANE;
        double bottom = top - LANE + LANE_GAP;
        double pxPerSecond = Styles.WIDTH * 0.8 / Math.max(xMax - xMin, 1e-9);
        double firstStart = phases.stream().mapToDouble(Phase::startS).min().orElse(xMin);
        if ((firstStart - xMin) * pxPerSecond >= scenario.length() * CHAR_PX + 10) {
            // The lane's name, in the free space before its first phase.
            c.addAnnotation(new AnnotationText(scenario, (xMin + firstStart) / 2, (top + bottom) / 2, false));
        }
        for (int k = 0; k < 2; k++) {
            // Alternate shades so neighbouring phases stay apart: two series, odd and even phases.
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (int p = k; p < phases.size(); p += 2) {
                Phase ph = phases.get(p);
                if (!xs.isEmpty()) {
                    xs.add(ph.startS());
                    ys.add(Double.NaN);
                }
                double end = Math.max(ph.endS(), ph.startS() + 1e-6);
                xs.addAll(List.of(ph.startS(), end, end, ph.startS()));
                ys.addAll(List.of(bottom, bottom, top, top));
            }
            if (xs.isEmpty()) {
                continue;
            }
            XYSeries s = c.addSeries(scenario + " phases " + k, xs, ys);
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
            s.setFillColor(Palette.withAlpha(colour, k == 0 ? 90 : 45));
            s.setLineColor(Palette.withAlpha(colour, 160));
            s.setLineStyle(Styles.solid(0.6f));
            s.setMarker(SeriesMarkers.NONE);
            s.setShowInLegend(false);
        }
        for (Phase ph : phases) {
            double widthPx = (ph.endS() - ph.startS()) * pxPerSecond;
            if (widthPx >= ph.label().length() * CHAR_PX + 6) {
                c.addAnnotation(new AnnotationText(ph.label(), (ph.startS() + ph.endS()) / 2, (top + bottom) / 2, false));
            }
        }
    }
}
