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
import imago.model.experiment.Scenario;
import imago.model.metrics.Outcome;
import imago.model.metrics.RunResult;
import imago.model.experiment.Experiment;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Simulator versus reality: the same plans and workload run for real by the executor, then in the
 * simulator twice, once with the experiment's own parameters and once calibrated from the real
 * runs' step and request logs; the two are compared quantity by quantity against the targets
 * ({@link Compared#ALL}), and each injected fault's fate run by run.
 *
 * <p>Writes {@code OUT/real/<experiment>/} (the real runs with their logs: {@link RealRuns}),
 * {@code OUT/sim/<experiment>/} and {@code OUT/sim-configured/<experiment>/} (each a complete
 * experiment folder), plus {@code OUT/calibration.csv}, {@code OUT/comparison.csv}, charts and a
 * report. {@link #fromReal} redoes all but the real runs from a saved {@code OUT/real/<experiment>/}.
 */
public final class SimVsReal {

    /** Fates must agree in at least this share of (real, simulated) run pairs. */
    public static final double FATE_AGREEMENT = 0.90;

    /** One quantity of one scenario, real against simulated. */
    public record Row(String scenario, String metric, Summary real, Summary sim, Summary configured, String target,
                      Optional<Boolean> withinTarget, String detail) {
        public double gap() {
            return sim.mean() - real.mean();
        }

        /**
         * Met, or the simulated mean lies inside the real runs' 95% interval: a gap reality's own
         * spread cannot tell from none. Reported beside the target, never in its place (the races
         * and latency targets already count it; availability's 1 point and unavailable seconds'
         * 20% do not). Empty without a target.
         */
        public Optional<Boolean> withinTargetOrRealCi() {
            return withinTarget.map(w -> w || Rule.insideRealCi(real, sim));
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

        /** Targets met, or with the simulated mean inside the real runs' 95% CI. */
        public long metOrInsideRealCi() {
            return SimVsReal.metOrInsideRealCi(rows);
        }
    }

    private static long metOrInsideRealCi(List<Row> rows) {
        return rows.stream().filter(r -> r.withinTargetOrRealCi().orElse(false)).count();
    }

    private SimVsReal() {
    }

    /**
     * Runs the real side, then compares as {@link #fromReal} does.
     *
     * @param real     the experiment as the executor runs it (data size, replications)
     * @param simReps  simulator replications per scenario
     * @param executor the executor backend whose logs feed the calibration; it must write them
     *                 under {@code OUT/real/<experiment>/runs/}, where {@link RealRuns} reads them
     * @param settings the run settings for a backend (progress, threads, version)
     */
    public static Result run(Path config, Experiment real, int simReps, Path out, ExecutorBackend executor,
                             Function<Backend, ExperimentRuns.Settings> settings) throws IOException {
        long start = System.nanoTime();
        Files.createDirectories(out);
        Experiment onExecutor = real.withRun(real.scenarios(), real.replications(), real.seed(), "executor");
        ExperimentRuns.Done measured = ExperimentRuns.run(config, onExecutor, "sim-vs-real real", out.resolve("real"),
                settings.apply(executor));
        return compare(config, onExecutor, RealRuns.read(measured.dir(), onExecutor.preS()), simReps, out, settings, start);
    }

    /**
     * Calibrates and compares from the real runs saved in {@code realDir} (the {@code real/<experiment>}
     * folder of an earlier run), running only the simulator.
     *
     * @param e the experiment the real runs executed; its scenarios are narrowed to those the folder holds
     * @throws IncompleteRealRuns when the folder lacks a file the comparison needs, or holds
     *                             scenarios the experiment does not have
     */
    public static Result fromReal(Path config, Experiment e, Path realDir, int simReps, Path out,
                                  Function<Backend, ExperimentRuns.Settings> settings) throws IOException {
        long start = System.nanoTime();
        RealRuns real = RealRuns.read(realDir, e.preS());
        List<String> names = real.runs().stream().map(RealRuns.Run::scenario).distinct().toList();
        List<Scenario> scenarios = new ArrayList<>();
        for (String n : names) {
            scenarios.add(e.scenario(n).orElseThrow(() -> new IncompleteRealRuns(realDir.resolve("results.csv")
                    + ": scenario '" + n + "' is not in " + config + "; give the config the real runs executed")));
        }
        int reps = (int) real.runs().stream().filter(r -> r.scenario().equals(names.getFirst())).count();
        Files.createDirectories(out);
        return compare(config, e.withRun(scenarios, reps, e.seed(), "executor"), real, simReps, out, settings, start);
    }

    private static Result compare(Path config, Experiment onExecutor, RealRuns real, int simReps, Path out,
                                  Function<Backend, ExperimentRuns.Settings> settings, long start) throws IOException {
        Calibration calibration = Calibration.of(onExecutor, real.runs().stream().map(RealRuns.Run::logs).toList());
        Experiment applied = calibration.apply(onExecutor);
        // The calibrated scenarios: their strategies' measured test and switch times, their faults' repairs.
        Experiment calibrated = applied.withRun(applied.scenarios(), simReps, onExecutor.seed(), "sim");
        FateRecordingSim sim = new FateRecordingSim();
        ExperimentRuns.Done simulated = ExperimentRuns.run(config, calibrated, "sim-vs-real calibrated " + calibration,
                out.resolve("sim"), settings.apply(sim));
        Experiment configuredOnly = onExecutor.withRun(onExecutor.scenarios(), simReps, onExecutor.seed(), "sim");
        ExperimentRuns.Done configured = ExperimentRuns.run(config, configuredOnly, "sim-vs-real configured",
                out.resolve("sim-configured"), settings.apply(new SimBackend()));

        Causes causes = new Causes(calibrated, calibration);
        List<Row> rows = new ArrayList<>();
        for (Scenario sc : onExecutor.scenarios()) {
            String name = sc.name();
            List<RealRuns.Run> realRuns = real.runs().stream().filter(r -> r.scenario().equals(name)).toList();
            List<RunResult> simRuns = ofScenario(simulated, name);
            Causes.Simulated simSide = new Causes.Simulated(simRuns, simRuns.stream()
                    .map(r -> sim.faults(name, r.replication()).orElse(List.of())).toList());
            rows.addAll(compare(name, realRuns, simSide, ofScenario(configured, name), causes));
            if (!sc.injected().isEmpty()) {
                rows.add(fateRow(name, realRuns, simRuns.stream().map(r -> sim.fate(name, r.replication())).flatMap(Optional::stream).toList(),
                        causes.of("fate", realRuns, simSide)));
            }
        }
        writeCsv(out.resolve("calibration.csv"), List.of("parameter", "value", "observations", "min", "max"), calibration.rows());
        writeCsv(out.resolve("comparison.csv"), List.of("scenario", "metric", "real_mean", "real_ci_low", "real_ci_high",
                "sim_mean", "sim_ci_low", "sim_ci_high", "configured_sim_mean", "gap", "target", "within_target",
                "within_target_or_real_ci", "detail"), csvRows(rows));
        double wall = (System.nanoTime() - start) / 1e9;
        Report.Output report = report(out, onExecutor, real, simReps, calibration, rows, Files.readString(config), wall);
        return new Result(rows, calibration, report, wall);
    }

    private static List<RunResult> ofScenario(ExperimentRuns.Done done, String scenario) {
        return done.outcome().results().stream().filter(r -> r.scenario().equals(scenario)).toList();
    }

    /** One row per compared quantity; a missed target's detail is its measured cause. */
    static List<Row> compare(String scenario, List<RealRuns.Run> real, Causes.Simulated sim, List<RunResult> configured,
                             Causes causes) {
        List<Row> rows = new ArrayList<>();
        for (Compared c : Compared.ALL) {
            Optional<Summary> r = summary(c, real.stream().filter(x -> finished(x.outcome())).map(RealRuns.Run::values).toList());
            Optional<Summary> s = summary(c, finishedValues(sim.results()));
            Optional<Summary> k = summary(c, finishedValues(configured));
            if (r.isEmpty() || s.isEmpty()) {
                continue; // a metric one side does not report (yet)
            }
            Optional<Boolean> within = c.rule().map(rule -> rule.met(r.get(), s.get()));
            rows.add(new Row(scenario, c.name(), r.get(), s.get(), k.orElse(NO_RUNS), c.rule().map(Rule::text).orElse(""),
                    within, within.orElse(true) ? "" : causes.of(c.name(), real, sim)));
        }
        return rows;
    }

    private static final Summary NO_RUNS = new Summary(Double.NaN, Double.NaN, Double.NaN, 0);

    /** The fate row: the agreement of real and simulated fates, against {@link #FATE_AGREEMENT}. */
    static Row fateRow(String scenario, List<RealRuns.Run> real, List<Fate> sim, String cause) {
        Map<Fate, Integer> r = counts(real.stream().map(x -> Fate.ofReal(x.values(), x.logs().steps())).toList());
        Map<Fate, Integer> s = counts(sim);
        double agreement = Fate.agreement(r, s);
        Optional<Boolean> within = Double.isNaN(agreement) ? Optional.empty() : Optional.of(agreement >= FATE_AGREEMENT - 1e-12);
        String detail = "real: " + Fate.describe(r) + "; simulated: " + Fate.describe(s)
                + (within.orElse(true) ? "" : "; " + cause);
        // The agreement is one number, not a mean over runs: shown without an interval.
        return new Row(scenario, "fate", NO_RUNS, new Summary(agreement, agreement, agreement, 1), NO_RUNS,
                "fates agree in >= " + Math.round(FATE_AGREEMENT * 100) + "% of run pairs", within, detail);
    }

    static Map<Fate, Integer> counts(List<Fate> fates) {
        Map<Fate, Integer> m = new EnumMap<>(Fate.class);
        fates.forEach(f -> m.merge(f, 1, Integer::sum));
        return m;
    }

    private static Optional<Summary> summary(Compared c, List<Map<String, Double>> runs) {
        List<Double> xs = new ArrayList<>();
        for (Map<String, Double> run : runs) {
            Optional<Double> v = c.of(run);
            if (v.isEmpty()) {
                return Optional.empty();
            }
            xs.add(v.get());
        }
        return Optional.of(Summary.of(xs.stream().mapToDouble(Double::doubleValue).toArray()));
    }

    /** Runs that finished (summary.csv's rule: an unfinished run describes no upgrade), as metric maps. */
    private static List<Map<String, Double>> finishedValues(List<RunResult> results) {
        return results.stream().filter(r -> r.outcome().finished()).map(RunResult::values).toList();
    }

    private static boolean finished(String outcomeLabel) {
        return java.util.Arrays.stream(Outcome.values()).filter(o -> o.label().equals(outcomeLabel)).findFirst()
                .map(Outcome::finished).orElse(false);
    }

    private static List<List<String>> csvRows(List<Row> rows) {
        List<List<String>> out = new ArrayList<>();
        for (Row r : rows) {
            out.add(List.of(r.scenario(), r.metric(), num(r.real().mean()), num(r.real().ciLow()), num(r.real().ciHigh()),
                    num(r.sim().mean()), num(r.sim().ciLow()), num(r.sim().ciHigh()), num(r.configured().mean()),
                    num(r.gap()), r.target(), r.withinTarget().map(Object::toString).orElse(""),
                    r.withinTargetOrRealCi().map(Object::toString).orElse(""), r.detail()));
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

    private static Report.Output report(Path out, Experiment e, RealRuns real, int simReps, Calibration calibration,
                                        List<Row> rows, String configText, double wall) throws IOException {
        List<Section> sections = new ArrayList<>();
        long met = rows.stream().filter(r -> r.withinTarget().orElse(false)).count();
        long targets = rows.stream().filter(r -> r.withinTarget().isPresent()).count();
        sections.add(new Section.Paragraph("The same plans and workload (" + e.name() + ", " + e.scenarios().size()
                + " scenarios) ran " + e.replications() + " time(s) each on the real executor (logs in " + real.dir()
                + ") and " + simReps + " times each in the simulator, calibrated from the real runs' step and request logs"
                + " (one calibration for all scenarios). " + met + " of " + targets + " targets are met; "
                + metOrInsideRealCi(rows) + " of " + targets
                + " are met or have the simulated mean inside the real runs' 95% CI (a gap the real runs' own spread"
                + " cannot tell from none). Targets: "
                + Compared.ALL.stream().filter(c -> c.rule().isPresent()).map(c -> c.name() + " " + c.rule().get().text())
                .collect(java.util.stream.Collectors.joining("; "))
                + "; in fault scenarios, the fault's fate (caught before the switch, detected and reversed, reached"
                + " production) agrees in >= " + Math.round(FATE_AGREEMENT * 100) + "% of (real, simulated) run pairs."));
        List<Row> missed = rows.stream().filter(r -> !r.withinTarget().orElse(true)).toList();
        sections.add(new Section.Heading("Misses and their measured causes"));
        if (missed.isEmpty()) {
            sections.add(new Section.Paragraph("None."));
        } else {
            sections.add(new Section.Table("Every missed target with what the logs show (real: the executor's step and request"
                    + " logs and timelines; simulated: the calibrated runs' timelines and injected faults)",
                    List.of("scenario", "metric", "real", "simulated", "cause"),
                    missed.stream().map(r -> List.of(r.scenario(), r.metric(), cell(r.real()), cell(r.sim()), r.detail())).toList()));
        }
        sections.add(new Section.Heading("What each upgrade costs production"));
        double p99Before = Isolation.p99BeforeMs(real);
        String imagoCost = Isolation.imagoCost(e, p99Before, rows);
        if (!imagoCost.isEmpty()) {
            sections.add(new Section.Paragraph(imagoCost));
        }
        sections.add(new Section.Table("Production's availability and its p99 latency while the upgrade ran (mean over runs, with"
                + " 95% CI), against the p99 of every request the real runs answered before their upgrades ("
                + Numbers.format(p99Before) + " ms, pooled; their nodes were still warming up, so it is high)",
                Isolation.HEADER, Isolation.table(p99Before, rows)));
        sections.add(new Section.Heading("Side by side"));
        List<List<String>> table = new ArrayList<>();
        for (Row r : rows) {
            table.add(List.of(r.scenario(), r.metric(), cell(r.real()), cell(r.sim()), cell(r.configured()),
                    Double.isFinite(r.gap()) ? Numbers.format(r.gap()) : "", r.target(),
                    r.withinTarget().map(b -> b ? "met" : "missed").orElse("")));
        }
        sections.add(new Section.Table("Real against simulated (mean with 95% CI; for fate, the share of run pairs that agree);"
                + " 'configured' is the simulator with the experiment file's own parameters", List.of("scenario", "metric", "real",
                "simulated (calibrated)", "simulated (configured)", "gap (sim - real)", "target", "verdict"), table));
        List<List<String>> fates = rows.stream().filter(r -> r.metric().equals("fate"))
                .map(r -> List.of(r.scenario(), r.detail())).toList();
        if (!fates.isEmpty()) {
            sections.add(new Section.Table("Fates of the injected fault, run by run (real from the executor's fault counts and"
                    + " recovery steps, simulated from its injected-fault records)", List.of("scenario", "fates"), fates));
        }
        Path charts = out.resolve("charts");
        Files.createDirectories(charts);
        for (String m : List.of("availability", "unavailable_s", "races")) {
            LinkedHashMap<String, Map<String, Summary>> series = new LinkedHashMap<>();
            series.put("real", byScenario(rows, m, Row::real));
            series.put("simulated (calibrated)", byScenario(rows, m, Row::sim));
            series.put("simulated (configured)", byScenario(rows, m, Row::configured));
            ChartFiles f = ChartFiles.write(GroupedCiBarChart.of(new ChartText("Simulator versus reality: " + m,
                    "scenario", m), series), charts, "sim-vs-real-" + m.replace('_', '-'));
            sections.add(new Section.Chart(m + ", real and simulated", f, "Means with 95% confidence intervals."));
        }
        sections.add(new Section.Heading("Calibration"));
        sections.add(new Section.Table("Parameters measured on the executor (pooled over every scenario's runs)",
                List.of("parameter", "value", "observations", "min", "max"), calibration.rows()));
        sections.add(new Section.Heading("Experiment"));
        sections.add(new Section.Code("The experiment file", "yaml", configText));
        Map<String, String> provenance = new LinkedHashMap<>();
        provenance.put("JVM", imago.experiments.run.RunManifest.currentJvm());
        provenance.put("machine", new java.util.TreeMap<>(imago.experiments.run.RunManifest.currentMachine()).toString());
        provenance.put("wall time", String.format(Locale.ROOT, "%.1f s", wall));
        return new Report("Imago: the simulator against the real executor", sections, provenance).write(out);
    }

    private static String cell(Summary s) {
        return s.n() == 0 ? "" : Numbers.withCi(s);
    }

    private static Map<String, Summary> byScenario(List<Row> rows, String metric, Function<Row, Summary> pick) {
        Map<String, Summary> out = new LinkedHashMap<>();
        rows.stream().filter(r -> r.metric().equals(metric)).forEach(r -> out.put(r.scenario(), pick.apply(r)));
        return out;
    }
}
