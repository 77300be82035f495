package imago.experiments.simvsreal;

import imago.experiments.report.ChartFiles;
import imago.experiments.report.ChartText;
import imago.experiments.report.GroupedCiBarChart;
import imago.experiments.report.Numbers;
import imago.experiments.report.Report;
import imago.experiments.report.Section;
import imago.experiments.run.Backend;
import imago.experiments.run.ExecutorBackend;
import imago.experiments.run.ResultFiles;
import imago.experiments.run.SimBackend;
import imago.experiments.stats.Summary;
import imago.experiments.study.ExperimentRuns;
import imago.model.experiment.Arm;
import imago.model.experiment.Experiment;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Simulator versus reality: the same plans and workload run for real by the executor, then in the
 * simulator twice, once with the experiment's own parameters and once calibrated from the real
 * runs' step and request logs; the two are compared metric by metric against the targets
 * (availability within 1 percentage point, unavailable seconds within 20%).
 *
 * <p>Writes {@code OUT/real/<experiment>/} and {@code OUT/sim/<experiment>/} and
 * {@code OUT/sim-configured/<experiment>/} (each a complete experiment folder), plus
 * {@code OUT/calibration.csv}, {@code OUT/comparison.csv}, charts and a report.
 */
public final class SimVsReal {

    /** Availability may differ by this much (1 percentage point). */
    public static final double AVAILABILITY_TOLERANCE = 0.01;
    /** Unavailable seconds may differ by this share of the real value... */
    public static final double UNAVAILABLE_TOLERANCE = 0.20;
    /** ...or by one 1 s bin, the metric's resolution, when the real value is small. */
    public static final double UNAVAILABLE_FLOOR_S = 1.0;

    static final List<String> METRICS = List.of("availability", "unavailable_s", "planned_unavailable_s",
            "unplanned_unavailable_s", "upgrade_duration_s", "mixed_version_s", "races_error", "races_silent", "lost_writes");

    /** One metric of one scenario, real against simulated. */
    public record Row(String scenario, String metric, Summary real, Summary sim, Summary configured,
                      Optional<Boolean> withinTarget) {
        public double gap() {
            return sim.mean() - real.mean();
        }
    }

    public record Result(List<Row> rows, Calibration calibration, Report.Output report, double wallSeconds) {
        /** Rows with a target that the calibrated simulator misses. */
        public List<Row> missed() {
            return rows.stream().filter(r -> r.withinTarget().isPresent() && !r.withinTarget().get()).toList();
        }

        public long targets() {
            return rows.stream().filter(r -> r.withinTarget().isPresent()).count();
        }
    }

    private SimVsReal() {
    }

    /**
     * @param real     the experiment as the executor runs it (data size, replications)
     * @param simReps  simulator replications per scenario
     * @param executor the executor backend whose logs feed the calibration
     * @param settings the run settings for a backend (progress, threads, version)
     */
    public static Result run(Path config, Experiment real, int simReps, Path out, ExecutorBackend executor,
                             Function<Backend, ExperimentRuns.Settings> settings) throws IOException {
        long start = System.nanoTime();
        Files.createDirectories(out);
        Experiment onExecutor = real.withRun(real.scenarios(), real.replications(), real.seed(), "executor");
        ExperimentRuns.Done measured = ExperimentRuns.run(config, onExecutor, "sim-vs-real real", out.resolve("real"),
                settings.apply(executor));

        List<RunLogs> logs = new ArrayList<>();
        for (Arm arm : measured.outcome().arms()) {
            for (int r = 0; r < onExecutor.replications(); r++) {
                logs.add(RunLogs.read(arm.scenario().name(), executor.logDir(arm.label(), r), onExecutor.preS()));
            }
        }
        Calibration calibration = Calibration.of(onExecutor, logs);
        Experiment calibrated = calibration.apply(onExecutor).withRun(onExecutor.scenarios(), simReps, real.seed(), "sim");
        Backend sim = new SimBackend();
        ExperimentRuns.Done simulated = ExperimentRuns.run(config, calibrated, "sim-vs-real calibrated " + calibration,
                out.resolve("sim"), settings.apply(sim));
        Experiment configuredOnly = onExecutor.withRun(onExecutor.scenarios(), simReps, real.seed(), "sim");
        ExperimentRuns.Done configured = ExperimentRuns.run(config, configuredOnly, "sim-vs-real configured",
                out.resolve("sim-configured"), settings.apply(sim));

        List<Row> rows = compare(measured.report().summaries(), simulated.report().summaries(), configured.report().summaries());
        writeCsv(out.resolve("calibration.csv"), List.of("parameter", "value", "observations", "min", "max"), calibration.rows());
        writeCsv(out.resolve("comparison.csv"), List.of("scenario", "metric", "real_mean", "real_ci_low", "real_ci_high",
                "sim_mean", "sim_ci_low", "sim_ci_high", "configured_sim_mean", "gap", "target", "within_target"), csvRows(rows));
        double wall = (System.nanoTime() - start) / 1e9;
        Report.Output report = report(out, onExecutor, simReps, calibration, rows, Files.readString(config), wall);
        return new Result(rows, calibration, report, wall);
    }

    static List<Row> compare(Map<String, Map<String, Summary>> real, Map<String, Map<String, Summary>> sim,
                             Map<String, Map<String, Summary>> configured) {
        List<Row> rows = new ArrayList<>();
        real.forEach((scenario, byMetric) -> {
            for (String m : METRICS) {
                Summary r = byMetric.get(m), s = sim.get(scenario).get(m), c = configured.get(scenario).get(m);
                rows.add(new Row(scenario, m, r, s, c, withinTarget(m, r.mean(), s.mean())));
            }
        });
        return rows;
    }

    static Optional<Boolean> withinTarget(String metric, double real, double sim) {
        return switch (metric) {
            case "availability" -> Optional.of(Math.abs(sim - real) <= AVAILABILITY_TOLERANCE + 1e-12);
            case "unavailable_s" -> Optional.of(Math.abs(sim - real)
                    <= Math.max(UNAVAILABLE_TOLERANCE * Math.abs(real), UNAVAILABLE_FLOOR_S) + 1e-12);
            default -> Optional.empty();
        };
    }

    static String target(String metric) {
        return switch (metric) {
            case "availability" -> "|gap| <= 0.01";
            case "unavailable_s" -> "|gap| <= 20% of real or 1 s";
            default -> "";
        };
    }

    private static List<List<String>> csvRows(List<Row> rows) {
        List<List<String>> out = new ArrayList<>();
        for (Row r : rows) {
            out.add(List.of(r.scenario(), r.metric(), num(r.real().mean()), num(r.real().ciLow()), num(r.real().ciHigh()),
                    num(r.sim().mean()), num(r.sim().ciLow()), num(r.sim().ciHigh()), num(r.configured().mean()),
                    num(r.gap()), target(r.metric()), r.withinTarget().map(Object::toString).orElse("")));
        }
        return out;
    }

    private static String num(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.6g", v) : "";
    }

    /** A table of text cells, written the way every result file is (atomic, quoted where needed). */
    private static void writeCsv(Path file, List<String> header, List<List<String>> rows) throws IOException {
        Table t = Table.create(file.getFileName().toString());
        for (int c = 0; c < header.size(); c++) {
            int col = c;
            t.addColumns(StringColumn.create(header.get(c), rows.stream().map(r -> r.get(col))));
        }
        ResultFiles.writeCsv(t, file);
    }

    private static Report.Output report(Path out, Experiment e, int simReps, Calibration calibration, List<Row> rows,
                                        String configText, double wall) throws IOException {
        List<Section> sections = new ArrayList<>();
        long met = rows.stream().filter(r -> r.withinTarget().orElse(false)).count();
        long targets = rows.stream().filter(r -> r.withinTarget().isPresent()).count();
        sections.add(new Section.Paragraph("The same plans and workload (" + e.name() + ", " + e.scenarios().size()
                + " strategies) ran " + e.replications() + " time(s) each on the real executor (" + e.executor().users() + " users, "
                + e.executor().items() + " items, " + e.executor().bids() + " bids on " + e.executor().database()
                + ") and " + simReps + " times each in the simulator, calibrated from the real runs' step and request logs"
                + " (one calibration for all strategies). " + met + " of " + targets + " targets are met: availability within "
                + "1 percentage point, unavailable seconds within 20% (or 1 s, one bin)."));
        sections.add(new Section.Heading("Side by side"));
        List<List<String>> table = new ArrayList<>();
        for (Row r : rows) {
            table.add(List.of(r.scenario(), r.metric(), Numbers.withCi(r.real()), Numbers.withCi(r.sim()),
                    Numbers.format(r.configured().mean()), Numbers.format(r.gap()),
                    r.withinTarget().map(b -> b ? "met" : "missed").orElse("")));
        }
        sections.add(new Section.Table("Real against simulated (mean with 95% CI); 'configured' is the simulator with the"
                + " experiment file's own parameters", List.of("scenario", "metric", "real", "simulated (calibrated)",
                "simulated (configured)", "gap (sim - real)", "target"), table));
        Path charts = out.resolve("charts");
        Files.createDirectories(charts);
        for (String m : List.of("availability", "unavailable_s")) {
            LinkedHashMap<String, Map<String, Summary>> series = new LinkedHashMap<>();
            series.put("real", byScenario(rows, m, Row::real));
            series.put("simulated (calibrated)", byScenario(rows, m, Row::sim));
            series.put("simulated (configured)", byScenario(rows, m, Row::configured));
            ChartFiles f = ChartFiles.write(GroupedCiBarChart.of(new ChartText("Simulator versus reality: " + m,
                    "strategy", m), series), charts, "sim-vs-real-" + m.replace('_', '-'));
            sections.add(new Section.Chart(m + ", real and simulated", f, "Means with 95% confidence intervals."));
        }
        sections.add(new Section.Heading("Calibration"));
        sections.add(new Section.Table("Parameters measured on the executor (pooled over every strategy's runs)",
                List.of("parameter", "value", "observations", "min", "max"), calibration.rows()));
        sections.add(new Section.Heading("Experiment"));
        sections.add(new Section.Code("The experiment file", "yaml", configText));
        Map<String, String> provenance = new LinkedHashMap<>();
        provenance.put("JVM", imago.experiments.run.RunManifest.currentJvm());
        provenance.put("machine", new java.util.TreeMap<>(imago.experiments.run.RunManifest.currentMachine()).toString());
        provenance.put("wall time", String.format(Locale.ROOT, "%.1f s", wall));
        return new Report("Imago: the simulator against the real executor", sections, provenance).write(out);
    }

    private static Map<String, Summary> byScenario(List<Row> rows, String metric, Function<Row, Summary> pick) {
        Map<String, Summary> out = new LinkedHashMap<>();
        rows.stream().filter(r -> r.metric().equals(metric)).forEach(r -> out.put(r.scenario(), pick.apply(r)));
        return out;
    }
}
