package imago.experiments.report;

import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.Locale;

/** One look for every chart: white, print-friendly, legend below, fonts big enough for a paper. */
final class Styles {

    static final int WIDTH = 900;
    static final int HEIGHT = 540;

    private static final String FONT = Font.SANS_SERIF;
    private static final Marker[] MARKERS = {SeriesMarkers.CIRCLE, SeriesMarkers.SQUARE, SeriesMarkers.DIAMOND,
            SeriesMarkers.TRIANGLE_UP, SeriesMarkers.TRIANGLE_DOWN, SeriesMarkers.CROSS, SeriesMarkers.PLUS,
            SeriesMarkers.OVAL};

    private Styles() {
    }

    static XYChart xy(ChartText text) {
        Headless.ensure();
        XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title(text.title()).xAxisTitle(text.xAxis()).yAxisTitle(text.yAxis()).build();
        axes(c.getStyler());
        c.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        return c;
    }

    static CategoryChart category(ChartText text) {
        Headless.ensure();
        CategoryChart c = new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
                .title(text.title()).xAxisTitle(text.xAxis()).yAxisTitle(text.yAxis()).build();
        axes(c.getStyler());
        c.getStyler().setPlotGridVerticalLinesVisible(false);
        c.getStyler().setAvailableSpaceFill(0.7);
        return c;
    }

    static HeatMapChart heatMap(ChartText text, int width, int height) {
        Headless.ensure();
        HeatMapChart c = new HeatMapChartBuilder().width(width).height(height)
                .title(text.title()).xAxisTitle(text.xAxis()).yAxisTitle(text.yAxis()).build();
        axes(c.getStyler());
        // The colour scale is the legend of a heat map: beside the plot, not below it.
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        c.getStyler().setPlotContentSize(0.999);
        c.getStyler().setPlotGridLinesVisible(false);
        return c;
    }

    /** The i-th marker shape, cycling, so series stay apart in grey-scale prints too. */
    static Marker marker(int i) {
        return MARKERS[Math.floorMod(i, MARKERS.length)];
    }

    /**
     * A plain line. Series get strokes explicitly: XChart otherwise cycles dash patterns by
     * series index, which would dash whiskers and outlines at random.
     */
    static BasicStroke solid(float width) {
        return new BasicStroke(width);
    }

    /** A thin dashed stroke for reference lines. */
    static BasicStroke dashed() {
        return new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f);
    }

    /** Rotates category labels when there are too many to sit side by side. */
    static void rotateLabelsIfCrowded(AxesChartStyler s, int categories, int longestLabel) {
        if (categories * Math.max(4, longestLabel) * 7 > WIDTH * 0.8) {
            s.setXAxisLabelRotation(categories > 24 ? 90 : 45);
        }
    }

    private static void axes(AxesChartStyler s) {
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderColor(Palette.GREY);
        s.setPlotGridLinesColor(Palette.LIGHT_GREY);
        s.setPlotGridLinesStroke(new BasicStroke(0.6f));
        s.setChartFontColor(Color.BLACK);
        s.setAxisTickLabelsColor(Color.BLACK);
        s.setChartTitleFont(new Font(FONT, Font.BOLD, 17));
        s.setChartTitleBoxVisible(false);
        s.setAxisTitleFont(new Font(FONT, Font.PLAIN, 14));
        s.setAxisTickLabelsFont(new Font(FONT, Font.PLAIN, 12));
        s.setLegendFont(new Font(FONT, Font.PLAIN, 12));
        s.setAnnotationTextFont(new Font(FONT, Font.PLAIN, 11));
        s.setAnnotationTextFontColor(Color.BLACK);
        s.setLegendPosition(Styler.LegendPosition.OutsideS);
        s.setLegendLayout(Styler.LegendLayout.Horizontal);
        s.setLegendBorderColor(Color.WHITE);
        s.setLegendBackgroundColor(Color.WHITE);
        s.setSeriesColors(Palette.seriesColors(8));
        s.setMarkerSize(7);
        s.setErrorBarsColorSeriesColor(false);
        s.setErrorBarsColor(Color.BLACK);
        s.setAntiAlias(true);
        s.setChartPadding(12);
        // Decimal points, not commas, whatever the machine's locale.
        s.setLocale(Locale.ROOT);
        s.setToolTipsEnabled(false);
    }
}
