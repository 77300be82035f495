package imago.experiments.study;

import imago.experiments.report.PendingChart;
import imago.experiments.report.ExperimentCharts;
import imago.experiments.report.FaultOutcomeChart;
import imago.experiments.report.OutcomeCounts;
import imago.experiments.report.Phase;
import imago.experiments.report.Report;
import imago.experiments.report.Section;
import imago.experiments.report.TimelineChart;
import imago.experiments.run.ResultFiles;
import imago.experiments.run.RunManifest;
import imago.experiments.stats.Summary;
import imago.model.experiment.Arm;
import imago.model.experiment.Experiment;
import imago.model.experiment.SweepParameter;
import imago.model.fault.FaultType;
import imago.model.metrics.FaultCounts;
import imago.model.metrics.Outcome;
import imago.model.metrics.RunResult;
import imago.model.metrics.TimelineBin;
import imago.model.plan.PlanCompiler;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The charts and the report of one experiment's results: what {@code imago run} leaves beside the
 * CSV files, and what the reproduction suite builds its claims on.
 */
public final class ExperimentReport {

    /** Headline metrics: each gets a bar chart with 95% CI whiskers and a column in the table. */
    public static final List<String> HEADLINE = List.of("availability", "unavailable_s", "planned_unavailable_s",
            "unplanned_unavailable_s", "upgrade_duration_s", "mixed_version_s", "races_error", "races_silent",
            "lost_writes", "faults_reached_production", "resource_cost", "blast_radius", "time_to_detect_s");

    /** Timelines with more lines than this are unreadable; larger sweeps skip the chart. */
    private static final int MAX_TIMELINES = 8;

    private final Experiment experiment;
    private final List<Arm> arms;
    private final List<RunResult> results;
    private List<Section> charts;
    private Path chartsDir;

    private final Map<String, Map<String, Summary>> summaries;
    private final Map<String, Map<Outcome, Integer>> outcomeCounts;

    public ExperimentReport(Experiment experiment, List<Arm> arms, List<RunResult> results) {
        this.experiment = experiment;
        this.arms = List.copyOf(arms);
        this.results = List.copyOf(results);
        tech.tablesaw.api.Table table = ResultFiles.results(this.results);
        this.summaries = summarise(ResultFiles.summary(table));
        this.outcomeCounts = countOutcomes(ResultFiles.outcomes(table));
    }

    /** Per arm label, per metric, the mean with its confidence interval over the finished runs (summary.csv). */
    public Map<String, Map<String, Summary>> summaries() {
        return summaries;
    }

    /** summary.csv's rows as a map, so the report and the CSV file cannot disagree. */
    private static Map<String, Map<String, Summary>> summarise(tech.tablesaw.api.Table summary) {
        Map<String, Map<String, Summary>> out = new LinkedHashMap<>();
        for (int i = 0; i < summary.rowCount(); i++) {
            out.computeIfAbsent(summary.stringColumn("scenario").get(i), k -> new LinkedHashMap<>())
                    .put(summary.stringColumn("metric").get(i), new Summary(summary.doubleColumn("mean").getDouble(i),
                            summary.doubleColumn("ci95_low").getDouble(i), summary.doubleColumn("ci95_high").getDouble(i),
                            summary.intColumn("n").getInt(i)));
        }
        out.replaceAll((k, v) -> java.util.Collections.unmodifiableMap(v));
        return java.util.Collections.unmodifiableMap(out);
    }

    /** Per arm label, how many runs ended in each outcome (outcomes.csv), every outcome listed. */
    public Map<String, Map<Outcome, Integer>> outcomeCounts() {
        return outcomeCounts;
    }

    private static Map<String, Map<Outcome, Integer>> countOutcomes(tech.tablesaw.api.Table outcomes) {
        Map<String, Map<Outcome, Integer>> out = new LinkedHashMap<>();
        for (int i = 0; i < outcomes.rowCount(); i++) {
            Map<Outcome, Integer> counts = new java.util.EnumMap<>(Outcome.class);
            for (Outcome o : Outcome.values()) {
                counts.put(o, outcomes.intColumn(o.label()).getInt(i));
            }
            out.put(outcomes.stringColumn("scenario").get(i), java.util.Collections.unmodifiableMap(counts));
        }
        return java.util.Collections.unmodifiableMap(out);
    }

    /** Runs of an arm, finished or not. */
    public int runs(String arm) {
        return outcomeCounts.getOrDefault(arm, Map.of()).values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Runs of an arm that did not finish (left out of its summaries). */
    public int unfinished(String arm) {
        return outcomeCounts().getOrDefault(arm, Map.of()).entrySet().stream()
                .filter(e -> !e.getKey().finished()).mapToInt(Map.Entry::getValue).sum();
    }

    public Summary summary(String arm, String metric) {
        Summary s = summaries.getOrDefault(arm, Map.of()).get(metric);
        if (s == null) {
            throw new IllegalArgumentException("no results for " + arm + " / " + metric);
        }
        return s;
    }

    /** Writes the charts into {@code dir/charts} (once) and returns them as report sections. */
    public synchronized List<Section> charts(Path dir) throws IOException {
        if (charts == null || !dir.equals(chartsDir)) {
            charts = List.copyOf(drawCharts(dir));
            chartsDir = dir;
        }
        return charts;
    }

    private List<Section> drawCharts(Path dir) throws IOException {
        List<PendingChart> pending = new ArrayList<>();
        if (arms.size() <= MAX_TIMELINES) {
            Map<String, List<TimelineBin>> lines = new LinkedHashMap<>();
            Map<String, List<Phase>> phases = new LinkedHashMap<>();
            for (Arm a : arms) {
                List<List<TimelineBin>> reps = results.stream().filter(r -> r.scenario().equals(a.label()))
                        .map(RunResult::timeline).toList();
                lines.put(a.label(), coarse(TimelineChart.pooled(reps)));
                var e = a.experiment();
                var plan = new PlanCompiler(e.topology(), e.workload(), e.upgrade()).compile(a.scenario().name(), a.scenario().strategy());
                phases.put(a.label(), Phase.fromPlan(plan, e.preS()));
            }
            pending.add(new PendingChart("Availability timeline",
                    TimelineChart.of(experiment.name() + ": success ratio per second (all replications pooled)", lines, phases),
                    "timeline", "Share of requests that succeeded in each second; lanes below show the plan's phases."));
        }
        for (String name : HEADLINE) {
            RunResult.Metric m = metric(name);
            Map<String, Summary> byArm = new LinkedHashMap<>();
            summaries.forEach((arm, s) -> byArm.put(marked(arm), s.get(name)));
            if (byArm.values().stream().allMatch(x -> x == null || x.n() == 0 || (x.ciLow() == 0 && x.ciHigh() == 0))) {
                continue; // zero in every run of every scenario: the table says so, a chart of empty bars adds nothing
            }
            pending.add(new PendingChart(ExperimentCharts.metricName(m), ExperimentCharts.metricBars(m, byArm), name,
                    "Mean with 95% confidence interval over the runs that finished."));
        }
        Map<String, Map<String, OutcomeCounts>> outcomes = faultOutcomes();
        if (!outcomes.isEmpty()) {
            pending.add(new PendingChart("Fault outcomes", FaultOutcomeChart.of(
                    experiment.name() + ": what became of the injected faults (all replications)", outcomes), "fault-outcomes",
                    "Faults per strategy and fault type: caught before the switch, reached production, or escaped a runtime test."));
        }
        sweepCharts(pending);
        return PendingChart.drawAll(pending, dir.resolve("charts"));
    }

    /** An arm's label, with how many of its runs finished when some did not (their metrics are left out). */
    String marked(String arm) {
        int unfinished = unfinished(arm);
        if (unfinished == 0) {
            return arm;
        }
        return arm + " (" + (runs(arm) - unfinished) + "/" + runs(arm) + " finished)";
    }

    /** Most points a timeline chart draws; longer timelines are summed into wider bins. */
    static final int MAX_TIMELINE_POINTS = 1500;

    /**
     * Sums consecutive bins so a chart has at most {@link #MAX_TIMELINE_POINTS} points: a day-long
     * upgrade would otherwise make a chart of tens of megabytes.
     */
    static List<TimelineBin> coarse(List<TimelineBin> bins) {
        return ResultFiles.binned(bins, (bins.size() + MAX_TIMELINE_POINTS - 1) / MAX_TIMELINE_POINTS);
    }

    /** Per arm, per fault type, the faults' fates summed over replications. */
    public Map<String, Map<String, OutcomeCounts>> faultOutcomes() {
        Map<String, Map<String, OutcomeCounts>> out = new LinkedHashMap<>();
        ResultFiles.byScenario(results).forEach((arm, rs) -> {
            Map<FaultType, FaultCounts> total = new TreeMap<>();
            for (RunResult r : rs) {
                r.faultsByType().forEach((t, c) -> total.merge(t, c, FaultCounts::plus));
            }
            if (total.values().stream().anyMatch(c -> c.injected() > 0)) {
                Map<String, OutcomeCounts> byType = new LinkedHashMap<>();
                total.forEach((t, c) -> byType.put("type " + t.number(),
                        OutcomeCounts.ofRunTotals(c.caught(), c.reachedProduction(), c.escaped())));
                out.put(arm, byType);
            }
        });
        return out;
    }

    private void sweepCharts(List<PendingChart> out) {
        if (swept(SweepParameter.ROLLING_MAX_UNAVAILABLE)) {
            out.add(new PendingChart("Races versus rolling batch size", ExperimentCharts.racesVersusBatchSize(
                    seriesOver(SweepParameter.ROLLING_MAX_UNAVAILABLE, "races")), "races-vs-batch-size",
                    "Mixed-version races (errors + silent) per upgrade; one line per value of the other swept parameters."));
        }
        if (swept(SweepParameter.WORKLOAD_ASYNC_FRACTION)) {
            out.add(new PendingChart("Races versus asynchronous share", ExperimentCharts.racesVersusAsyncFraction(
                    seriesOver(SweepParameter.WORKLOAD_ASYNC_FRACTION, "races")), "races-vs-async-fraction",
                    "Mixed-version races (errors + silent) per upgrade against the share of requests with an asynchronous callback."));
        }
        if (swept(SweepParameter.UPGRADE_ROWS)) {
            out.add(new PendingChart("Planned downtime versus data size", ExperimentCharts.downtimeVersusDataSize(
                    seriesOver(SweepParameter.UPGRADE_ROWS, "planned_unavailable_s")), "downtime-vs-data-size",
                    "Planned unavailable seconds against the rows converted (log-log); points at 0 cannot be drawn on a log axis."));
        }
    }

    private boolean swept(SweepParameter p) {
        return experiment.sweeps().stream().anyMatch(s -> s.parameter() == p && s.values().size() > 1);
    }

    /**
     * Series over one swept parameter: one per combination of the scenario and the other
     * parameters; {@code races} sums errors and silent races per replication.
     */
    public Map<String, Map<Double, Summary>> seriesOver(SweepParameter p, String metric) {
        Map<String, Map<Double, Summary>> out = new LinkedHashMap<>();
        for (Arm a : arms) {
            Double x = a.point().get(p.configName());
            if (x == null) {
                continue;
            }
            Map<String, Double> others = new LinkedHashMap<>(a.point());
            others.remove(p.configName());
            String series = a.scenario().name() + (others.isEmpty() ? "" : " " + label(others));
            double[] v = results.stream().filter(r -> r.scenario().equals(a.label()) && r.outcome().finished())
                    .mapToDouble(r -> metric.equals("races") ? r.racesError() + r.racesSilent() : metric(metric).value().applyAsDouble(r))
                    .toArray();
            if (v.length > 0) { // a point without finished runs has nothing to draw
                out.computeIfAbsent(series, k -> new TreeMap<>()).put(x, Summary.of(v));
            }
        }
        return out;
    }

    private static String label(Map<String, Double> point) {
        List<String> parts = new ArrayList<>();
        point.forEach((k, v) -> parts.add(SweepParameter.parse(k).orElseThrow().shortName() + "="
                + (v == Math.rint(v) ? Long.toString(v.longValue()) : v.toString())));
        return String.join(",", parts);
    }

    static RunResult.Metric metric(String name) {
        return RunResult.metric(name)
                .orElseThrow(() -> new IllegalArgumentException("unknown metric " + name));
    }

    /** The summary table of the headline metrics, with the runs each scenario's means are over. */
    public Section.Table table() {
        Section.Table t = Section.Table.ofSummaries(experiment.name() + ": mean [95% CI] over finished runs per scenario",
                HEADLINE, summaries);
        List<String> header = new ArrayList<>(t.header());
        header.add(1, "finished runs");
        List<List<String>> rows = new ArrayList<>();
        for (List<String> row : t.rows()) {
            List<String> r = new ArrayList<>(row);
            int runs = runs(row.getFirst());
            int finished = runs - unfinished(row.getFirst());
            r.add(1, finished + "/" + runs + (finished < runs ? " ⚠" : ""));
            rows.add(r);
        }
        return new Section.Table(t.caption(), header, rows);
    }

    /** How the runs of each scenario ended (outcomes.csv). */
    public Section.Table outcomeTable() {
        List<String> header = new ArrayList<>(List.of("scenario", "runs"));
        for (Outcome o : Outcome.values()) {
            header.add(o.label());
        }
        List<List<String>> rows = new ArrayList<>();
        outcomeCounts().forEach((arm, counts) -> {
            List<String> row = new ArrayList<>(List.of(arm, Integer.toString(runs(arm))));
            counts.values().forEach(c -> row.add(Integer.toString(c)));
            rows.add(row);
        });
        return new Section.Table(experiment.name() + ": outcomes of the runs per scenario", header, rows);
    }

    /**
     * A warning when some runs did not finish: they measured no upgrade, so their metrics are not
     * in the means, and a scenario none of whose runs finished has no means at all.
     */
    public java.util.Optional<String> unfinishedWarning() {
        List<String> flagged = new ArrayList<>();
        outcomeCounts.forEach((arm, counts) -> {
            if (unfinished(arm) > 0) {
                List<String> why = new ArrayList<>();
                counts.forEach((o, c) -> {
                    if (!o.finished() && c > 0) {
                        why.add(c + " " + o.label());
                    }
                });
                flagged.add(arm + ": " + unfinished(arm) + " of " + runs(arm) + " runs (" + String.join(", ", why) + ")");
            }
        });
        if (flagged.isEmpty()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of("Warning: some runs did not finish, so they measured no upgrade; their metrics"
                + " are left out of the means, charts and differences (n counts the finished runs; n/a where none finished). "
                + String.join("; ", flagged) + ".");
    }

    /** The outcome table, preceded by {@link #unfinishedWarning()} when there is one. */
    public List<Section> outcomeSections() {
        List<Section> out = new ArrayList<>();
        unfinishedWarning().ifPresent(w -> out.add(new Section.Paragraph(w)));
        out.add(outcomeTable());
        return out;
    }

    /** Paired differences of the metrics a reader compares first, for arms at the same sweep point. */
    public Section.Table differences() {
        tech.tablesaw.api.Table d = ResultFiles.differences(ResultFiles.results(results));
        List<String> wanted = List.of("availability", "unavailable_s", "planned_unavailable_s", "races_error", "races_silent", "resource_cost");
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < d.rowCount(); i++) {
            String metric = d.stringColumn("metric").get(i);
            if (wanted.contains(metric)) {
                Summary s = new Summary(d.doubleColumn("mean_difference").getDouble(i), d.doubleColumn("ci95_low").getDouble(i),
                        d.doubleColumn("ci95_high").getDouble(i), d.intColumn("n").getInt(i));
                rows.add(List.of(d.stringColumn("scenario_a").get(i) + " − " + d.stringColumn("scenario_b").get(i), metric,
                        imago.experiments.report.Numbers.withCi(s)));
            }
        }
        return new Section.Table(experiment.name() + ": paired differences, mean [95% CI] (all metrics in differences.csv)",
                List.of("pair", "metric", "difference"), rows);
    }

    /** report.md and report.html of this experiment alone. */
    public Report.Output write(Path dir, String configText, RunManifest manifest, boolean inlineCharts) throws IOException {
        List<Section> sections = new ArrayList<>();
        String intro = leadingComment(configText);
        if (!intro.isEmpty()) {
            sections.add(new Section.Paragraph(intro));
        }
        sections.add(new Section.Heading("Results"));
        sections.add(table());
        sections.addAll(outcomeSections());
        sections.add(new Section.Paragraph("Each cell is the mean over the finished runs of " + experiment.replications()
                + " replications (or as many as the precision target needed) with its 95% Student confidence interval."
                + " Scenarios share random streams (common random numbers), so their differences are sharper than the intervals suggest."));
        if (!differences().rows().isEmpty()) {
            sections.add(differences());
        }
        sections.add(new Section.Heading("Charts"));
        sections.addAll(charts(dir));
        sections.add(new Section.Heading("Configuration"));
        sections.add(new Section.Code(manifest.config(), "yaml", configText));
        return new Report("Imago experiment: " + experiment.name(), sections, provenance(manifest)).write(dir, inlineCharts);
    }

    public static Map<String, String> provenance(RunManifest m) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("imago version", m.imagoVersion());
        p.put("git commit", m.gitCommit());
        p.put("config", m.config());
        p.put("config sha-256", m.configSha256());
        p.put("seed", Long.toString(m.seed()));
        p.put("replications", Integer.toString(m.replications()));
        p.put("backend", m.backend());
        p.put("threads", Integer.toString(m.threads()));
        p.put("JVM", m.jvm());
        p.put("machine", new TreeMap<>(m.machine()).toString());
        p.put("wall time", String.format(java.util.Locale.ROOT, "%.1f s", m.wallTimeSeconds()));
        p.put("finished", m.finishedAt());
        return p;
    }

    /** The comment block at the top of a config: its authors' description of the experiment. */
    static String leadingComment(String yaml) {
        StringBuilder sb = new StringBuilder();
        for (String line : yaml.lines().toList()) {
            if (!line.startsWith("#")) {
                break;
            }
            sb.append(line.substring(1).strip()).append(' ');
        }
        return sb.toString().strip();
    }
}
