package imago.experiments.report;

import imago.experiments.stats.Summary;
import imago.model.metrics.RunResult;
import imago.model.metrics.TimelineBin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;

import javax.imageio.ImageIO;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Every chart renders to all three formats (XChart can hang while laying out ticks, hence the
 * timeout) and carries the data it was given.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ChartsTest {

    @TempDir
    Path dir;

    private static Summary s(double... v) {
        return Summary.of(v);
    }

    private void render(Chart<?, ?> chart, String name) throws Exception {
        ChartFiles f = ChartFiles.write(chart, dir, name);
        assertThat(ImageIO.read(f.png().toFile()).getWidth()).isEqualTo(chart.getWidth());
        assertThat(ChartFilesTest.parseSvg(f.svg()).getElementsByTagName("title").item(0).getTextContent())
                .isEqualTo(chart.getTitle());
    }

    private static List<TimelineBin> dip(int from, int to, int succeeded) {
        List<TimelineBin> bins = new ArrayList<>();
        for (int t = 0; t < 60; t++) {
            int ok = t >= from && t < to ? succeeded : 100;
            bins.add(new TimelineBin(t, 100, ok, 100 - ok, t < from ? 0 : 1));
        }
        return bins;
    }

    @Test
    void timelineDrawsOneCurvePerScenarioAndPhaseLanesBelowZero() throws Exception {
        Map<String, List<TimelineBin>> tl = new LinkedHashMap<>();
        tl.put("in-place", dip(10, 30, 0));
        tl.put("rolling", dip(10, 40, 80));
        Map<String, List<Phase>> phases = Map.of("in-place",
                List.of(new Phase("Stop", 10, 12), new Phase("Install", 12, 25), new Phase("Start", 25, 30)));
        XYChart c = TimelineChart.of("Availability during the upgrade", tl, phases);
        render(c, "timeline");

        XYSeries inPlace = c.getSeriesMap().get("in-place");
        assertThat(inPlace.getYData()).contains(0.0, 1.0);
        assertThat(inPlace.getXData()).hasSize(61); // 60 bins and the end of the last one
        assertThat(c.getSeriesMap().get("rolling").getYData()).contains(0.8);
        List<XYSeries> lanes = c.getSeriesMap().values().stream().filter(x -> !x.isShowInLegend()).toList();
        assertThat(lanes).isNotEmpty().allSatisfy(l -> assertThat(
                java.util.Arrays.stream(l.getYData()).filter(Double::isFinite).max().orElseThrow()).isNegative());
        assertThat(c.getStyler().getYAxisMin()).isNegative();
    }

    @Test
    void timelineWithoutPhasesStartsAtZero() throws Exception {
        XYChart c = TimelineChart.of("No phases", Map.of("blue-green", dip(20, 21, 50)));
        render(c, "timeline-plain");
        assertThat(c.getStyler().getYAxisMin()).isZero();
        assertThat(c.getSeriesMap()).containsOnlyKeys("blue-green");
    }

    @Test
    void timelineRejectsPhasesOfUnknownScenarios() {
        assertThatThrownBy(() -> TimelineChart.of("t", Map.of("a", dip(1, 2, 0)),
                Map.of("b", List.of(new Phase("Stop", 1, 2))))).hasMessageContaining("'b'");
    }

    @Test
    void pooledTimelineSumsReplicationsPerSecond() {
        List<TimelineBin> pooled = TimelineChart.pooled(List.of(
                List.of(new TimelineBin(0, 10, 10, 0, 0), new TimelineBin(1, 10, 5, 5, 1)),
                List.of(new TimelineBin(1, 30, 30, 0, 0), new TimelineBin(0, 10, 0, 10, 0))));
        assertThat(pooled).containsExactly(new TimelineBin(0, 20, 10, 10, 0), new TimelineBin(1, 40, 35, 5, 0.5));
        assertThat(pooled.get(1).successRatio()).isEqualTo(35.0 / 40);
    }

    @Test
    void barsCarryMeansAndCiHalfWidths() throws Exception {
        Map<String, Summary> by = new LinkedHashMap<>();
        by.put("in-place", s(30, 31, 29));
        by.put("imago", s(0.1));
        by.put("empty", s());
        CategoryChart c = ExperimentCharts.metricBars(RunResult.METRICS.get(2), by);
        render(c, "bars");
        assertThat(c.getTitle()).isEqualTo("Planned unavailable time by scenario (mean, 95% CI)");
        assertThat(c.getYAxisTitle()).isEqualTo("planned unavailable time (s)");
        CategorySeries bars = c.getSeriesMap().values().iterator().next();
        assertThat(objects(bars.getXData())).containsExactly("in-place", "imago", "empty");
        assertThat(doubles(bars.getYData())).containsExactly(30.0, 0.1, 0.0);
        List<Double> half = bars.getExtraValues().stream().map(Number::doubleValue).toList();
        assertThat(half.get(0)).isCloseTo(s(30, 31, 29).halfWidth(), within(1e-12));
        assertThat(half.subList(1, 3)).containsExactly(0.0, 0.0);
    }

    @Test
    void ciLinesDrawWhiskersFromLowToHigh() throws Exception {
        Map<String, Map<Integer, Summary>> races = new LinkedHashMap<>();
        races.put("rolling", Map.of(1, s(40, 45, 50), 2, s(30, 28, 33), 4, s(15, 18, 12)));
        races.put("imago", Map.of(1, s(0, 0, 0), 2, s(0, 0, 1)));
        XYChart c = ExperimentCharts.racesVersusBatchSize(races);
        render(c, "races");
        assertThat(c.getSeriesMap().get("rolling").getXData()).containsExactly(1, 2, 4);
        assertThat(c.getSeriesMap().get("rolling").getYData()).containsExactly(45, s(30, 28, 33).mean(), 15);
        XYSeries w = c.getSeriesMap().get("rolling 95% CI");
        assertThat(w.isShowInLegend()).isFalse();
        assertThat(w.getYData()).contains(s(40, 45, 50).ciLow(), s(40, 45, 50).ciHigh());
        // A zero-width interval gets no whisker.
        assertThat(c.getSeriesMap().get("imago 95% CI").getXData()).doesNotContain(1.0);

        render(ExperimentCharts.racesVersusAsyncFraction(Map.of("rolling", Map.of(0.0, s(1, 2), 0.5, s(5, 7)))),
                "async");
    }

    @Test
    void logLogLeavesOutPointsItCannotShowAndSaysSo() throws Exception {
        Map<String, Map<Double, Summary>> dt = new LinkedHashMap<>();
        dt.put("in-place", Map.of(1e3, s(1, 1.2, 0.9), 1e4, s(10, 12, 9), 1e5, s(100, 110, 95)));
        dt.put("imago", Map.of(1e3, s(0, 0, 0), 1e4, s(0.01, 0.02, 0.0), 1e5, s(0.05, 0.04, 0.06)));
        XYChart c = ExperimentCharts.downtimeVersusDataSize(dt);
        render(c, "downtime");
        assertThat(c.getStyler().isXAxisLogarithmic()).isTrue();
        assertThat(c.getStyler().isYAxisLogarithmic()).isTrue();
        assertThat(c.getSeriesMap()).containsKey("imago (1 point not drawable)");
        for (XYSeries series : c.getSeriesMap().values()) {
            for (double y : series.getYData()) {
                assertThat(Double.isNaN(y) || y > 0).as("y on a log axis: %s", y).isTrue();
            }
        }
        assertThatThrownBy(() -> CiLineChart.of(new ChartText("t", "x", "y"),
                List.of(CiSeries.of("a", Map.of(0, s(0, 0)))), CiLineChart.Scale.LOG_LOG, CiLineChart.Render.LINE))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void faultOutcomesStackThreeDisjointParts() throws Exception {
        Map<String, Map<String, OutcomeCounts>> counts = new LinkedHashMap<>();
        counts.put("rolling", Map.of("config", new OutcomeCounts(0, 10, 0)));
        counts.put("imago", Map.of("config", OutcomeCounts.ofRunTotals(8, 2, 2)));
        CategoryChart c = FaultOutcomeChart.of("Fault outcomes", counts);
        render(c, "faults");
        assertThat(c.getStyler().isStacked()).isTrue();
        assertThat(c.getSeriesMap()).containsOnlyKeys("caught before the switch", "reached production directly",
                "escaped the runtime test");
        assertThat(doubles(c.getSeriesMap().get("caught before the switch").getYData())).containsExactly(0.0, 8.0);
        assertThat(doubles(c.getSeriesMap().get("reached production directly").getYData())).containsExactly(10.0, 0.0);
        assertThat(doubles(c.getSeriesMap().get("escaped the runtime test").getYData())).containsExactly(0.0, 2.0);
        assertThatThrownBy(() -> new OutcomeCounts(-1, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void decisionChartMarksTheCrossover() throws Exception {
        List<DecisionChart.Point> ps = new ArrayList<>();
        for (int i = 0; i <= 10; i++) {
            double p = i / 10.0;
            ps.add(new DecisionChart.Point(p, 10 + 50 * p, 30));
        }
        XYChart c = DecisionChart.of(new ChartText("Upgrade now or later", "P(faulty)", "expected loss (s)"), ps);
        render(c, "decision");
        assertThat(c.getSeriesMap().get("crossover").getXData()[0]).isCloseTo(0.4, within(1e-9));
        assertThat(c.getSeriesMap().get("crossover").getYData()[0]).isCloseTo(30, within(1e-9));
    }

    @Test
    void crossoversInterpolateAndCountTiesOnce() {
        var cross = DecisionChart.crossovers(List.of(
                new DecisionChart.Point(3, 1, 1),
                new DecisionChart.Point(0, 0, 2),
                new DecisionChart.Point(1, 3, 1),
                new DecisionChart.Point(2, 0, 2)));
        assertThat(cross).extracting(DecisionChart.Crossover::x)
                .containsExactly(2.0 / 4, 1 + 2.0 / 4, 3.0);
        assertThat(DecisionChart.crossovers(List.of(new DecisionChart.Point(0, 1, 2),
                new DecisionChart.Point(1, 1, 3)))).isEmpty();
    }

    @Test
    void dendrogramDrawsEveryMergeAndARugPerSource() throws Exception {
        List<DendrogramChart.Leaf> leaves = List.of(new DendrogramChart.Leaf("r0", "bug"),
                new DendrogramChart.Leaf("r1", "operator"), new DendrogramChart.Leaf("r2", "operator"),
                new DendrogramChart.Leaf("r2", "field"));
        List<DendrogramChart.Merge> merges = List.of(new DendrogramChart.Merge(0, 3, 0.1),
                new DendrogramChart.Merge(1, 2, 0.2), new DendrogramChart.Merge(4, 5, 0.6));
        XYChart c = DendrogramChart.of("Dendrogram", merges, leaves, 0.3);
        render(c, "dendrogram");
        assertThat(c.getSeriesMap()).containsKeys("source: bug", "source: operator", "source: field");
        double[] heights = c.getSeriesMap().get("merges").getYData();
        assertThat(heights).contains(0.1, 0.2, 0.6);
        // Leaves in tree order: 0 and 3 side by side, then 1 and 2.
        assertThat(c.getSeriesMap().get("source: field").getXData()).containsOnly(1.0);
    }

    @Test
    void largeDendrogramRenders() throws Exception {
        int n = 500;
        List<DendrogramChart.Leaf> leaves = new ArrayList<>();
        List<DendrogramChart.Merge> merges = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            leaves.add(new DendrogramChart.Leaf("r" + i, i % 3 == 0 ? "bug" : "field"));
        }
        merges.add(new DendrogramChart.Merge(0, 1, 0.01));
        for (int i = 2; i < n; i++) {
            merges.add(new DendrogramChart.Merge(n + i - 2, i, 0.01 * i));
        }
        XYChart c = DendrogramChart.of("Large dendrogram", merges, leaves);
        render(c, "dendrogram-large");
        assertThat(c.getStyler().isXAxisTicksVisible()).isFalse();
    }

    @Test
    void dendrogramRejectsBrokenMergeLists() {
        List<DendrogramChart.Leaf> two = List.of(new DendrogramChart.Leaf("a", "bug"), new DendrogramChart.Leaf("b", "bug"));
        assertThatThrownBy(() -> DendrogramChart.of("t", List.of(), two)).hasMessageContaining("1 merges");
        assertThatThrownBy(() -> DendrogramChart.of("t", List.of(new DendrogramChart.Merge(0, 2, 1)), two))
                .hasMessageContaining("does not exist");
        assertThatThrownBy(() -> DendrogramChart.of("t", List.of(new DendrogramChart.Merge(0, 0, 1)), two))
                .hasMessageContaining("reuses");
    }

    @Test
    void silhouetteMarksTheBestK() throws Exception {
        Map<Integer, Double> sil = new TreeMap<>(Map.of(2, 0.2, 3, 0.35, 4, 0.3, 5, Double.NaN));
        XYChart c = SilhouetteChart.of("Silhouette", sil);
        render(c, "silhouette");
        assertThat(c.getSeriesMap()).containsKey("best: k = 3");
        assertThat(c.getSeriesMap().get("silhouette").getXData()).containsExactly(2, 3, 4);
    }

    @Test
    void heatMapHasACellPerPrevalence() throws Exception {
        List<PrevalenceHeatMap.Cell> cells = new ArrayList<>();
        for (String cl : List.of("C1", "C2")) {
            for (String f : List.of("stage=rolling", "config=yes", "data=yes")) {
                cells.add(new PrevalenceHeatMap.Cell(cl, f, cl.equals("C1") ? 0.25 : 0.75));
            }
        }
        HeatMapChart c = PrevalenceHeatMap.of("Prevalence", cells);
        render(c, "heatmap");
        assertThat(objects(c.getHeatMapSeries().getXData())).containsExactly("stage=rolling", "config=yes", "data=yes");
        assertThat(objects(c.getHeatMapSeries().getYData())).containsExactly("C1", "C2");
        assertThat(c.getHeatMapSeries().getHeatData()).hasSize(6);
        assertThatThrownBy(() -> new PrevalenceHeatMap.Cell("C1", "f", 1.5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void typeFrequenciesInPercentBesideReferences() throws Exception {
        Map<String, Map<String, Double>> observed = new LinkedHashMap<>();
        observed.put("bug", TypeFrequencyChart.shares(Map.of("T1", 3, "T2", 1)));
        observed.put("field", Map.of("T2", 1.0));
        CategoryChart c = TypeFrequencyChart.of("Types", observed, Map.of("Zhang et al. 2021", Map.of("T1", 0.5, "T3", 0.5)));
        render(c, "types");
        assertThat(c.getSeriesMap()).containsKeys("bug", "field", "Zhang et al. 2021");
        CategorySeries bug = c.getSeriesMap().get("bug");
        Map<Object, Double> byType = new LinkedHashMap<>();
        var xs = new ArrayList<>(bug.getXData());
        var ys = new ArrayList<>(bug.getYData());
        for (int i = 0; i < xs.size(); i++) {
            byType.put(xs.get(i), ys.get(i).doubleValue());
        }
        assertThat(byType).containsEntry("T1", 75.0).containsEntry("T2", 25.0).containsEntry("T3", 0.0);
        assertThatThrownBy(() -> TypeFrequencyChart.of("t", Map.of("bug", Map.of("T1", 3.0)), Map.of()))
                .hasMessageContaining("[0, 1]");
    }

    @Test
    void hiddenTickLabelsAreDistinctAndInvisible() {
        var f = TickLabels.showing(v -> v >= 0, v -> "shown");
        assertThat(f.apply(1.0)).isEqualTo("shown");
        assertThat(f.apply(-0.5)).isNotEqualTo(f.apply(-1.0)).isNotBlank()
                .matches("[\u200C\u200D]+");
    }

    private static List<Object> objects(java.util.Collection<?> c) {
        return new ArrayList<>(c);
    }

    private static List<Double> doubles(java.util.Collection<? extends Number> c) {
        return c.stream().map(Number::doubleValue).toList();
    }
}
