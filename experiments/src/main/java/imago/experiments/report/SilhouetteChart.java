package imago.experiments.report;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.util.Map;
import java.util.TreeMap;

/** Mean silhouette width for each number of clusters k, with the best k marked. */
public final class SilhouetteChart {

    private SilhouetteChart() {
    }

    /** @param byK number of clusters to mean silhouette width, in [-1, 1] */
    public static XYChart of(String title, Map<Integer, Double> byK) {
        TreeMap<Integer, Double> s = new TreeMap<>();
        byK.forEach((k, v) -> {
            if (Double.isFinite(v)) {
                s.put(k, v);
            }
        });
        if (s.isEmpty()) {
            throw new IllegalArgumentException("no silhouette values to draw for '" + title + "'");
        }
        XYChart c = Styles.xy(new ChartText(title, "number of clusters k", "mean silhouette width (-1 to 1)"));
        double[] x = s.keySet().stream().mapToDouble(Integer::doubleValue).toArray();
        double[] y = s.values().stream().mapToDouble(Double::doubleValue).toArray();
        XYSeries line = c.addSeries("silhouette", x, y);
        line.setLineColor(Palette.BLUE);
        line.setMarkerColor(Palette.BLUE);
        line.setMarker(SeriesMarkers.CIRCLE);
        var best = s.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow();
        XYSeries mark = c.addSeries("best: k = " + best.getKey(), new double[] {best.getKey()},
                new double[] {best.getValue()});
        mark.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        mark.setMarker(SeriesMarkers.DIAMOND);
        mark.setMarkerColor(Palette.VERMILLION);
        c.getStyler().setMarkerSize(9);
        c.getStyler().setXAxisDecimalPattern("0");
        return c;
    }
}
