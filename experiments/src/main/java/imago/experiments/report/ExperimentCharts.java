package imago.experiments.report;

import imago.experiments.stats.Summary;
import imago.model.metrics.RunResult;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;

import java.util.Map;

/** The standard charts of the upgrade experiments, with their titles and axis units fixed. */
public final class ExperimentCharts {

    private static final Map<String, String> NAMES = Map.ofEntries(
            Map.entry("availability", "Availability"),
            Map.entry("unavailable_s", "Unavailable time"),
            Map.entry("planned_unavailable_s", "Planned unavailable time"),
            Map.entry("unplanned_unavailable_s", "Unplanned unavailable time"),
            Map.entry("upgrade_duration_s", "Upgrade duration"),
            Map.entry("mixed_version_s", "Time in mixed-version state"),
            Map.entry("races_error", "Mixed-version races (errors)"),
            Map.entry("races_silent", "Mixed-version races (silent)"),
            Map.entry("lost_writes", "Lost writes"),
            Map.entry("faults_injected", "Faults injected"),
            Map.entry("faults_reached_production", "Faults that reached production"),
            Map.entry("faults_caught", "Faults caught before the switch"),
            Map.entry("faults_escaped", "Faults that escaped the runtime test"),
            Map.entry("resource_cost", "Resource cost"),
            Map.entry("p50_latency_ms", "Median latency"),
            Map.entry("p99_latency_ms", "99th percentile latency"),
            Map.entry("throughput_rps", "Throughput"),
            Map.entry("p99_upgrade_latency_ms", "99th percentile latency during the upgrade"),
            Map.entry("progress_deadline_exceeded", "Share of rollouts past their progress deadline"),
            Map.entry("time_to_detect_s", "Time to detect"),
            Map.entry("blast_radius", "Blast radius"));

    private static final Map<String, String> UNITLESS = Map.of(
            "availability", "successful / offered requests",
            "resource_cost", "node-seconds relative to steady state",
            "races_error", "races per upgrade",
            "races_silent", "races per upgrade",
            "lost_writes", "writes per upgrade",
            "blast_radius", "requests harmed per upgrade");

    private ExperimentCharts() {
    }

    /** A readable name for a results.csv metric, e.g. "Planned unavailable time". */
    public static String metricName(RunResult.Metric metric) {
        return NAMES.getOrDefault(metric.name(), metric.name().replace('_', ' '));
    }

    /** The y axis title of a metric, with its unit, e.g. "planned unavailable time (s)". */
    public static String metricAxis(RunResult.Metric metric) {
        String name = metricName(metric).toLowerCase(java.util.Locale.ROOT);
        if (!metric.unit().isEmpty()) {
            return name + " (" + metric.unit() + ")";
        }
        return name + " (" + UNITLESS.getOrDefault(metric.name(), "count") + ")";
    }

    /** Bars with 95% CI whiskers of one headline metric across scenarios. */
    public static CategoryChart metricBars(RunResult.Metric metric, Map<String, Summary> byScenario) {
        return CiBarChart.of(new ChartText(metricName(metric) + " by scenario (mean, 95% CI)",
                "scenario", metricAxis(metric)), byScenario);
    }

    /** Mixed-version races against the rolling upgrade's batch size, one series per strategy or race kind. */
    public static XYChart racesVersusBatchSize(Map<String, ? extends Map<? extends Number, Summary>> races) {
        return CiLineChart.of(new ChartText("Mixed-version races vs rolling batch size (mean, 95% CI)",
                        "batch size (nodes upgraded at once)", "mixed-version races per upgrade"),
                CiSeries.all(races), CiLineChart.Scale.LINEAR, CiLineChart.Render.LINE);
    }

    /** Mixed-version races against the share of interactions that are asynchronous. */
    public static XYChart racesVersusAsyncFraction(Map<String, ? extends Map<? extends Number, Summary>> races) {
        return CiLineChart.of(new ChartText("Mixed-version races vs asynchronous fraction (mean, 95% CI)",
                        "asynchronous interactions (fraction of all)", "mixed-version races per upgrade"),
                CiSeries.all(races), CiLineChart.Scale.LINEAR, CiLineChart.Render.LINE);
    }

    /** Planned downtime against the amount of data to convert, log-log, one series per strategy. */
    public static XYChart downtimeVersusDataSize(Map<String, ? extends Map<? extends Number, Summary>> downtime) {
        return CiLineChart.of(new ChartText("Planned downtime vs data size (mean, 95% CI; log-log)",
                        "data size (rows)", "planned unavailable time (s)"),
                CiSeries.all(downtime), CiLineChart.Scale.LOG_LOG, CiLineChart.Render.LINE);
    }
}
