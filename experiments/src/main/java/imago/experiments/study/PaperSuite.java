package imago.experiments.study;

import imago.experiments.report.CiLineChart;
import imago.experiments.report.CiSeries;
import imago.experiments.report.ChartFiles;
import imago.experiments.report.ChartText;
import imago.experiments.report.DecisionChart;
import imago.experiments.report.Report;
import imago.experiments.report.Section;
import imago.experiments.stats.Summary;
import imago.faultmodel.FaultModelPipeline;
import imago.faultmodel.Options;
import imago.model.config.ExperimentLoader;
import imago.model.experiment.Experiment;
import imago.model.experiment.SweepParameter;
import imago.model.fault.FaultModel;
import imago.model.metrics.FaultCounts;
import imago.model.metrics.RunResult;
import imago.model.strategy.Strategy;

import java.io.IOException;
import java.io.PrintWriter;
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
 * The paper-reproduction suite behind {@code imago reproduce}: the fault model and seven experiments
 * (configs in {@code experiments/configs/paper/}), each claim of the papers tested on this run's
 * numbers, in one report.
 */
public final class PaperSuite {

    /** Replications in quick mode: enough for a confidence interval, few enough for CI. */
    public static final int QUICK_REPLICATIONS = 3;

    /** Quick mode also divides the request rate by this, but keeps at least {@link #QUICK_MIN_RATE}. */
    static final double QUICK_RATE_DIVISOR = 4;

    /** Below ~10 requests/s empty 1-s bins count as available and hide downtime (DESIGN §3). */
    static final double QUICK_MIN_RATE = 10;

    /** Unit costs of the upgrade-now-or-later decision (Onward! 2010); stated in the report as assumptions. */
    static final double COST_FAILED_REQUEST = 1;
    static final double COST_RACE_ERROR = 1;
    static final double COST_RACE_SILENT = 5;
    static final double COST_FAULT_IN_PRODUCTION = 500;
    static final double COST_DAY_OF_DELAY = 2000;

    private final Path home;
    private final Path out;
    private final boolean quick;
    private final Function<String, ExperimentRuns.Settings> settings;
    /** The model the fault-model study learned, once it has run. */
    private Optional<FaultModel> learned = Optional.empty();
    private final PrintWriter log;

    /**
     * @param settings run settings per experiment name (the progress display is per experiment)
     */
    public PaperSuite(Path home, Path out, boolean quick, Function<String, ExperimentRuns.Settings> settings, PrintWriter log) {
        this.home = home;
        this.out = out;
        this.quick = quick;
        this.settings = settings;
        this.log = log;
    }

    public record Result(Report.Output report, List<Section.Claim> claims, double wallSeconds) {
    }

    public Result run() throws IOException {
        long start = System.nanoTime();
        Files.createDirectories(out);
        List<Section> sections = new ArrayList<>();
        List<Section.Claim> claims = new ArrayList<>();
        List<Section> body = new ArrayList<>();

        body.addAll(timed("fault model", () -> faultModel(claims)));
        body.addAll(timed("fault-free comparison", () -> faultFree(claims)));
        body.addAll(timed("fault injection", () -> faultInjection(claims)));
        body.addAll(timed("races", () -> races(claims)));
        body.addAll(timed("downtime", () -> downtime(claims)));
        body.addAll(timed("price", () -> price(claims)));
        body.addAll(timed("now or later", () -> nowOrLater(claims)));
        body.addAll(timed("rollout practice", () -> rolloutPractice(claims)));

        sections.add(new Section.Paragraph("This report reproduces the dependability evaluation of online upgrades of"
                + " Dumitraș & Narasimhan (Middleware 2009) and Dumitraș, Narasimhan & Tilevich (Onward! 2010) with"
                + " Imago's simulator and a fault model learned from public upgrade-failure reports. Each claim below is"
                + " tested on this run's numbers; every experiment's own folder holds its results.csv, summary.csv,"
                + " charts and report." + (quick ? " This is a quick run (" + QUICK_REPLICATIONS
                + " replications per scenario, a quarter of the request rate but at least " + (int) QUICK_MIN_RATE
                + " requests/s, 10 bootstrap resamples): a smoke test whose intervals are wide; run without --quick for the evaluation." : "")));
        sections.add(new Section.Heading("Claims"));
        sections.add(new Section.Claims("Claims of the papers and whether this run supports them", claims));
        sections.addAll(body);
        Map<String, String> provenance = new LinkedHashMap<>();
        provenance.put("mode", quick ? "quick" : "full");
        provenance.put("configs", home.resolve("experiments/configs/paper").toString());
        provenance.put("JVM", imago.experiments.run.RunManifest.currentJvm());
        provenance.put("machine", new java.util.TreeMap<>(imago.experiments.run.RunManifest.currentMachine()).toString());
        double wall = (System.nanoTime() - start) / 1e9;
        provenance.put("wall time", String.format(Locale.ROOT, "%.1f s", wall));
        Report.Output report = new Report("Imago: reproducing the evaluation of dependable online upgrades", sections, provenance).write(out);
        return new Result(report, claims, wall);
    }

    private interface Study {
        List<Section> run() throws IOException;
    }

    private List<Section> timed(String name, Study study) throws IOException {
        long t = System.nanoTime();
        List<Section> out = study.run();
        log.printf(Locale.ROOT, "imago: %s done in %.1f s%n", name, (System.nanoTime() - t) / 1e9);
        log.flush();
        return out;
    }

    // ------------------------------------------------------------------ the studies

    private List<Section> faultModel(List<Section.Claim> claims) throws IOException {
        log.println("imago: fault model: clustering the upgrade-failure data set");
        log.flush();
        Path dir = out.resolve("fault-model");
        Options o = Options.defaults();
        if (quick) {
            o = o.withResamples(10);
        }
        var result = FaultModelPipeline.runDefault(o);
        result.writeTo(dir);
        learned = Optional.of(result.model());
        FaultModelStudy study = new FaultModelStudy(dir);
        List<Section> s = new ArrayList<>();
        s.add(new Section.Heading("Fault model"));
        s.add(new Section.Paragraph("Real upgrade-failure reports from three sources (bug reports, operator reports,"
                + " field reports; datasets/README.md) clustered with average linkage on Gower distances, each cluster named"
                + " by its dominant features and mapped to one of the four fault types; the experiments below inject faults"
                + " from the learned model (" + dir.resolve("fault-model.json") + ")."));
        s.add(new Section.Code("types found (imago faultmodel)", "text", result.summaryTable()));
        s.addAll(study.charts());
        claims.addAll(study.claims());
        return s;
    }

    private ExperimentRuns.Done experiment(String file) throws IOException {
        Path config = home.resolve("experiments/configs").resolve(file);
        Experiment e = ExperimentLoader.load(config);
        if (quick) {
            var w = e.workload();
            if (w.arrivals() instanceof imago.model.workload.Arrivals.Poisson p && p.rate() > QUICK_MIN_RATE) {
                w = new imago.model.workload.Workload(new imago.model.workload.Arrivals.Poisson(
                        Math.max(QUICK_MIN_RATE, p.rate() / QUICK_RATE_DIVISOR)), w.sessions(), w.mix(), w.async(), w.timeoutS());
            }
            e = e.withWorkload(w).withRun(e.scenarios(), Math.min(e.replications(), QUICK_REPLICATIONS), e.seed(), e.backend());
        }
        ExperimentRuns.Settings s = settings.apply(e.name());
        // The experiments inject faults from the model the fault-model study just learned and wrote,
        // as the report says, rather than learning it again.
        return ExperimentRuns.run(config, e, quick ? "quick" : "full", out,
                learned.map(m -> s.withLearned(() -> m)).orElse(s));
    }

    private static List<Section> intro(ExperimentRuns.Done d, String heading) throws IOException {
        List<Section> s = new ArrayList<>();
        s.add(new Section.Heading(heading));
        String text = ExperimentReport.leadingComment(Files.readString(Path.of(d.manifest().config())));
        if (!text.isEmpty()) {
            s.add(new Section.Paragraph(text));
        }
        s.add(d.report().table());
        s.addAll(d.report().outcomeSections());
        return s;
    }

    /** Charts of an experiment whose titles are among {@code titles}. */
    private static List<Section> charts(ExperimentRuns.Done d, String... titles) throws IOException {
        List<String> wanted = List.of(titles);
        return d.report().charts(d.dir()).stream()
                .filter(c -> c instanceof Section.Chart chart && wanted.contains(chart.title())).toList();
    }

    private List<Section> faultFree(List<Section.Claim> claims) throws IOException {
        ExperimentRuns.Done d = experiment("paper/01-fault-free.yaml");
        ExperimentReport r = d.report();
        List<Section> s = intro(d, "Fault-free comparison of the four strategies");
        s.addAll(charts(d, "Availability timeline", "Availability", "Planned unavailable time", "Mixed-version races (errors)"));

        Summary vsInPlace = paired(d, "imago", "in-place", RunResult::availability);
        Summary vsRolling = paired(d, "imago", "rolling", RunResult::availability);
        claims.add(Claim.of("The parallel universe keeps the system more available during an upgrade with an incompatible"
                        + " schema change than in-place and rolling upgrades (Middleware 2009)", "Availability",
                vsInPlace.ciLow() > 0 && vsRolling.ciLow() > 0, vsInPlace.mean() > 0 && vsRolling.mean() > 0,
                String.format(Locale.ROOT, "availability: imago %s, in-place %s, rolling %s; paired differences imago − in-place %s, imago − rolling %s",
                        fmt(r.summary("imago", "availability")), fmt(r.summary("in-place", "availability")),
                        fmt(r.summary("rolling", "availability")), fmt(vsInPlace), fmt(vsRolling))));

        double conversion = d.experiment().upgrade().schema().orElseThrow().bulkSeconds();
        Summary planned = r.summary("in-place", "planned_unavailable_s");
        double ratio = planned.mean() / conversion;
        claims.add(Claim.of("An in-place upgrade's planned downtime is about its data conversion time", "Planned unavailable time",
                ratio >= 0.9 && ratio <= 1.5, ratio >= 0.5 && ratio <= 2,
                String.format(Locale.ROOT, "in-place planned unavailable %s s; conversion rows/rate = %.0f s; ratio %.2f"
                        + " (the rest is drain, stop, install, configure and start); 'about' means a ratio in [0.9, 1.5]", fmt(planned), conversion, ratio)));

        Summary imagoPlanned = r.summary("imago", "planned_unavailable_s");
        double hold = ((Strategy.Imago) d.experiment().scenario("imago").orElseThrow().strategy()).switchHoldS();
        claims.add(Claim.of("Imago's planned downtime is only its atomic switchover", "Planned unavailable time",
                imagoPlanned.ciHigh() <= hold, imagoPlanned.mean() <= 2 * hold,
                String.format(Locale.ROOT, "imago planned unavailable %s s; switch hold %.0f s", fmt(imagoPlanned), hold)));

        double imagoRaces = d.outcome().results().stream().filter(x -> x.scenario().equals("imago"))
                .mapToDouble(x -> x.racesError() + x.racesSilent()).sum();
        Summary rollingRaces = Summary.of(d.outcome().results().stream().filter(x -> x.scenario().equals("rolling"))
                .mapToDouble(x -> x.racesError() + x.racesSilent()).toArray());
        claims.add(Claim.of("Relaxing atomicity lets versions race: a rolling upgrade has mixed-version races, Imago's"
                        + " atomic switch with drained sessions has none (Onward! 2010)", "Mixed-version races (errors)",
                rollingRaces.ciLow() > 0 && imagoRaces == 0, rollingRaces.mean() > 0 && imagoRaces == 0,
                String.format(Locale.ROOT, "races per upgrade (errors + silent): rolling %s, imago %.0f in all replications",
                        fmt(rollingRaces), imagoRaces)));
        return s;
    }

    private List<Section> faultInjection(List<Section.Claim> claims) throws IOException {
        ExperimentRuns.Done d = experiment("paper/02-fault-injection.yaml");
        List<Section> s = intro(d, "Fault injection with the learned fault model");
        s.addAll(charts(d, "Fault outcomes", "Availability", "Unplanned unavailable time"));
        Map<String, FaultCounts> totals = new LinkedHashMap<>();
        List<List<String>> rows = new ArrayList<>();
        for (String arm : d.outcome().arms().stream().map(a -> a.label()).toList()) {
            FaultCounts total = FaultCounts.NONE;
            Map<Integer, FaultCounts> byType = new java.util.TreeMap<>();
            for (RunResult x : d.outcome().results()) {
                if (x.scenario().equals(arm)) {
                    for (var e : x.faultsByType().entrySet()) {
                        byType.merge(e.getKey().number(), e.getValue(), FaultCounts::plus);
                        total = total.plus(e.getValue());
                    }
                }
            }
            totals.put(arm, total);
            for (int t = 1; t <= 4; t++) {
                FaultCounts c = byType.getOrDefault(t, FaultCounts.NONE);
                rows.add(List.of(arm, "type " + t, Integer.toString(c.injected()), Integer.toString(c.reachedProduction()),
                        Integer.toString(c.caught()), Integer.toString(c.escaped()), share(c.reachedProduction(), c.injected())));
            }
        }
        s.add(new Section.Table("Injected faults per strategy and fault type (all replications)",
                List.of("strategy", "fault type", "injected", "reached production", "caught", "escaped", "share reaching production"), rows));
        double[] imago = wilson(totals.get("imago").reachedProduction(), totals.get("imago").injected());
        double[] inPlace = wilson(totals.get("in-place").reachedProduction(), totals.get("in-place").injected());
        double[] rolling = wilson(totals.get("rolling").reachedProduction(), totals.get("rolling").injected());
        Strategy.Imago test = (Strategy.Imago) d.experiment().scenario("imago").orElseThrow().strategy();
        claims.add(Claim.of("Faults made while upgrading in place or rolling reach production; Imago catches most of them in"
                        + " the parallel universe before the switch (Middleware 2009)", "Fault outcomes",
                imago[2] < Math.min(inPlace[1], rolling[1]), imago[0] < Math.min(inPlace[0], rolling[0]),
                String.format(Locale.ROOT, "share of injected faults reaching production [95%% Wilson CI]: in-place %s, rolling %s, imago %s"
                                + " (the runtime test replays %.0f%% of production's reads for %.0f s; what it catches follows from them)",
                        wilsonText(inPlace, totals.get("in-place")), wilsonText(rolling, totals.get("rolling")), wilsonText(imago, totals.get("imago")),
                        100 * test.testCoverage(), test.testDurationS())));
        return s;
    }

    /** Today's rollout practice against the papers' strategies, on a compatible upgrade (issue 13). */
    private List<Section> rolloutPractice(List<Section.Claim> claims) throws IOException {
        ExperimentRuns.Done d = experiment("paper/07-canary.yaml");
        List<Section> s = intro(d, "Today's rollout practice: Kubernetes rolling, canary with analysis, dependency tracking");
        s.addAll(charts(d, "Availability", "Unplanned unavailable time"));
        Map<String, Summary> blast = new LinkedHashMap<>();
        Map<String, Summary> cost = new LinkedHashMap<>();
        List<List<String>> rows = new ArrayList<>();
        for (String arm : List.of("rolling", "canary", "dependency-ordered", "blue-green", "imago")) {
            List<RunResult> rs = d.outcome().results().stream().filter(x -> x.scenario().equals(arm)).toList();
            blast.put(arm, Summary.of(rs.stream().mapToDouble(RunResult::blastRadius).toArray()));
            cost.put(arm, Summary.of(rs.stream().mapToDouble(RunResult::resourceCost).toArray()));
            Summary detect = Summary.of(rs.stream().mapToDouble(RunResult::timeToDetectS).toArray());
            rows.add(List.of(arm, fmt(blast.get(arm)), detect.n() == 0 ? "none detected" : fmt(detect) + " (n = " + detect.n() + ")",
                    fmt(Summary.of(rs.stream().mapToDouble(x -> x.racesError() + x.racesSilent()).toArray())), fmt(cost.get(arm)),
                    fmt(Summary.of(rs.stream().mapToDouble(RunResult::upgradeDurationS).toArray()))));
        }
        s.add(new Section.Table("Blast radius (production requests harmed by a fault or a new-version breakage), time to detect"
                + " (runs where the monitor detected a fault in production), races, resource cost and duration; mean [95% CI]",
                List.of("strategy", "blast radius", "time to detect (s)", "races per upgrade", "resource cost", "upgrade duration (s)"), rows));
        Summary rollingMinusCanary = paired(d, "rolling", "canary", r -> r.blastRadius());
        double ratio = blast.get("canary").mean() / blast.get("rolling").mean();
        claims.add(Claim.of("A canary with analysis bounds the blast radius of a faulty rollout below a rolling update's: its"
                        + " first weight exposes few sessions and a failed analysis aborts (Argo Rollouts practice)", "Availability",
                rollingMinusCanary.ciLow() > 0, rollingMinusCanary.mean() > 0,
                String.format(Locale.ROOT, "blast radius per upgrade: rolling %s, canary %s (%.0f%% of rolling's; first weight 10%%);"
                                + " paired difference rolling − canary %s", fmt(blast.get("rolling")), fmt(blast.get("canary")),
                        100 * ratio, fmt(rollingMinusCanary))));
        double costRatio = cost.get("imago").mean() / cost.get("rolling").mean();
        boolean nearZero = blast.get("imago").ciHigh() < blast.get("canary").ciLow();
        claims.add(Claim.of("Imago's runtime test keeps the blast radius near 0, below a canary's, at about twice the resources"
                        + " of a rolling update", "Availability",
                nearZero && costRatio >= 1.5 && costRatio <= 2.5, blast.get("imago").mean() < blast.get("canary").mean(),
                String.format(Locale.ROOT, "blast radius per upgrade: imago %s, canary %s; resource cost imago %s, rolling %s (ratio %.2f)",
                        fmt(blast.get("imago")), fmt(blast.get("canary")), fmt(cost.get("imago")), fmt(cost.get("rolling")), costRatio)));
        return s;
    }

    private List<Section> races(List<Section.Claim> claims) throws IOException {
        ExperimentRuns.Done d = experiment("paper/03-races.yaml");
        ExperimentReport r = d.report();
        List<Section> s = intro(d, "Mixed-version races");
        s.addAll(charts(d, "Races versus asynchronous share", "Races versus rolling batch size"));
        Map<String, Map<Double, Summary>> byAsync = r.seriesOver(SweepParameter.WORKLOAD_ASYNC_FRACTION, "races");
        boolean allGrow = true;
        boolean anyGrow = false;
        List<String> numbers = new ArrayList<>();
        for (var e : byAsync.entrySet()) {
            if (!e.getKey().startsWith("rolling")) {
                continue;
            }
            var first = e.getValue().entrySet().iterator().next();
            var last = ((java.util.TreeMap<Double, Summary>) e.getValue()).lastEntry();
            boolean grows = last.getValue().ciLow() > first.getValue().ciHigh();
            allGrow &= grows;
            anyGrow |= last.getValue().mean() > first.getValue().mean();
            numbers.add(String.format(Locale.ROOT, "%s: %.0f at %.2f -> %.0f at %.2f", e.getKey(), first.getValue().mean(),
                    first.getKey(), last.getValue().mean(), last.getKey()));
        }
        double imagoRaces = d.outcome().results().stream().filter(x -> x.scenario().startsWith("imago"))
                .mapToDouble(x -> x.racesError() + x.racesSilent()).sum();
        claims.add(Claim.of("Races in a rolling upgrade grow with the share of asynchronous interactions; the atomic switch"
                        + " has none at any share (Onward! 2010)", "Races versus asynchronous share",
                allGrow && imagoRaces == 0, anyGrow && imagoRaces == 0,
                "races per upgrade (errors + silent), mean: " + String.join("; ", numbers) + "; imago: " + (long) imagoRaces + " in all runs"));

        Map<String, Map<Double, Summary>> byBatch = r.seriesOver(SweepParameter.ROLLING_MAX_UNAVAILABLE, "races");
        int fewer = 0;
        List<String> batchNumbers = new ArrayList<>();
        for (var e : byBatch.entrySet()) {
            var m = (java.util.TreeMap<Double, Summary>) e.getValue();
            if (m.lastEntry().getValue().mean() < m.firstEntry().getValue().mean()) {
                fewer++;
            }
            batchNumbers.add(String.format(Locale.ROOT, "%s: %.0f with 1 at a time, %.0f with %.0f", e.getKey(),
                    m.firstEntry().getValue().mean(), m.lastEntry().getValue().mean(), m.lastEntry().getKey()));
        }
        claims.add(Claim.of("Larger rolling batches shorten the mixed-version window and so the races (Onward! 2010)",
                "Races versus rolling batch size", fewer == byBatch.size() && !byBatch.isEmpty(), fewer > 0,
                "races per upgrade, mean: " + String.join("; ", batchNumbers)));
        return s;
    }

    private List<Section> downtime(List<Section.Claim> claims) throws IOException {
        ExperimentRuns.Done wiki = experiment("wikipedia-1.5.yaml");
        List<Section> s = intro(wiki, "Wikipedia 1.5: planned downtime of a big schema change");
        s.addAll(charts(wiki, "Availability timeline", "Planned unavailable time"));
        double recorded = 21 * 3600 + 20 * 60;
        Summary inPlace = wiki.report().summary("in-place", "planned_unavailable_s");
        double err = Math.abs(inPlace.mean() - recorded) / recorded;
        claims.add(Claim.of("The MediaWiki 1.5 upgrade locked English Wikipedia for 21 h 20 min (76,800 s) of planned"
                        + " downtime; an in-place plan with the same conversion reproduces it", "Planned unavailable time",
                err <= 0.05, err <= 0.2,
                String.format(Locale.ROOT, "in-place planned unavailable %s s = %.1f h, %.1f%% from the record (rows and rate calibrated"
                        + " to the record, so this checks the model's accounting, not a prediction)", fmt(inPlace), inPlace.mean() / 3600, 100 * err)));
        Summary imago = wiki.report().summary("imago", "planned_unavailable_s");
        claims.add(Claim.of("With Imago the same upgrade's planned downtime is only the switchover", "Planned unavailable time",
                imago.ciHigh() <= 10, imago.mean() <= 60,
                String.format(Locale.ROOT, "imago planned unavailable %s s against in-place's %.0f s", fmt(imago), inPlace.mean())));

        ExperimentRuns.Done size = experiment("paper/04-downtime-vs-size.yaml");
        s.addAll(intro(size, "Planned downtime versus data size"));
        s.addAll(charts(size, "Planned downtime versus data size"));
        Map<Double, Summary> ip = size.report().seriesOver(SweepParameter.UPGRADE_ROWS, "planned_unavailable_s").get("in-place");
        Map<Double, Summary> im = size.report().seriesOver(SweepParameter.UPGRADE_ROWS, "planned_unavailable_s").get("imago");
        double slope = logSlope(ip);
        double imagoMax = im.values().stream().mapToDouble(Summary::mean).max().orElse(Double.NaN);
        claims.add(Claim.of("In-place planned downtime grows in proportion to the data converted; Imago's does not grow",
                "Planned downtime versus data size", slope >= 0.8 && slope <= 1.2 && imagoMax <= 10, slope > 0.5,
                String.format(Locale.ROOT, "log-log slope of in-place planned downtime against rows %.2f (1 = proportional);"
                        + " imago's largest mean planned downtime %.1f s", slope, imagoMax)));
        return s;
    }

    private List<Section> price(List<Section.Claim> claims) throws IOException {
        ExperimentRuns.Done d = experiment("paper/05-price.yaml");
        ExperimentReport r = d.report();
        List<Section> s = intro(d, "The price of Imago");
        s.addAll(charts(d, "Resource cost", "Upgrade duration"));
        List<CiSeries> series = new ArrayList<>();
        for (String arm : r.summaries().keySet()) {
            series.add(new CiSeries(arm, List.of(new CiSeries.Point(r.summary(arm, "resource_cost").mean(), r.summary(arm, "availability")))));
        }
        var chart = CiLineChart.of(new ChartText("Availability bought with resources", "resource cost (node-seconds / steady state)",
                "availability in the window"), series, CiLineChart.Scale.LINEAR, CiLineChart.Render.SCATTER);
        s.add(new Section.Chart("Availability versus resource cost", ChartFiles.write(chart, d.dir().resolve("charts"), "availability-vs-cost"),
                "Each point is a scenario: its mean resource cost and its availability with 95% CI."));
        String imagoArm = r.summaries().keySet().stream().filter(a -> a.startsWith("imago")).findFirst().orElseThrow();
        double cost = r.summary(imagoArm, "resource_cost").mean() / r.summary("in-place", "resource_cost").mean();
        claims.add(Claim.of("Imago's price is extra resources: about twice the nodes while both universes exist (Middleware 2009)",
                "Availability versus resource cost", cost >= 1.6 && cost <= 2.4, cost > 1.2,
                String.format(Locale.ROOT, "resource cost imago/in-place %.2f; availability imago %s vs in-place %s",
                        cost, fmt(r.summary(imagoArm, "availability")), fmt(r.summary("in-place", "availability")))));
        return s;
    }

    private List<Section> nowOrLater(List<Section.Claim> claims) throws IOException {
        ExperimentRuns.Done d = experiment("paper/06-now-or-later.yaml");
        ExperimentReport r = d.report();
        List<Section> s = intro(d, "Upgrade now or later");
        Map<Double, Summary> rolling = lossOver(d, "rolling");
        Map<Double, Summary> imago = lossOver(d, "imago");
        List<DecisionChart.Point> points = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        for (double x : rolling.keySet()) {
            double now = rolling.get(x).mean();
            double later = COST_DAY_OF_DELAY + imago.get(x).mean();
            points.add(new DecisionChart.Point(x, now, later));
            rows.add(List.of(String.format(Locale.ROOT, "%.2f", x), fmt(rolling.get(x)), fmt(imago.get(x)),
                    String.format(Locale.ROOT, "%.2f", (now - imago.get(x).mean()) / COST_DAY_OF_DELAY)));
        }
        var chart = DecisionChart.of(new ChartText("Expected loss: rolling upgrade now vs an atomic upgrade one day later",
                "share of requests with an asynchronous callback", "expected loss (cost units)"), points);
        s.add(new Section.Chart("Decision: now or later", ChartFiles.write(chart, d.dir().resolve("charts"), "decision"),
                "Loss now = failed requests x " + COST_FAILED_REQUEST + " + visible races x " + COST_RACE_ERROR + " + silent races x "
                        + COST_RACE_SILENT + " + faults reaching production x " + COST_FAULT_IN_PRODUCTION + "; loss later = one day of"
                        + " delay (" + COST_DAY_OF_DELAY + ") + the loss of an Imago upgrade. These unit costs are assumptions to"
                        + " edit, not data."));
        s.add(new Section.Table("Expected loss per upgrade and the delay it is worth",
                List.of("async share", "loss of rolling now", "loss of imago", "break-even delay (days)"), rows));
        var asc = new ArrayList<>(rolling.keySet());
        // Sweep points share random streams, so the same replication at both ends sees the same
        // traffic and faults: the paired difference isolates what the asynchronous share adds.
        Summary added = Summary.of(pairedLoss(d, "rolling", asc.getLast(), asc.getFirst()));
        var crossovers = DecisionChart.crossovers(points);
        claims.add(Claim.of("Whether to upgrade online now or later is a risk decision: the expected loss of upgrading now grows"
                        + " with the asynchronous interactions that race, and with it the delay worth waiting for a safer upgrade (Onward! 2010)",
                "Decision: now or later", added.ciLow() > 0, added.mean() > 0,
                String.format(Locale.ROOT, "loss of rolling now %s at share %.2f, %s at %.2f; paired increase %s; break-even %s",
                        fmt(rolling.get(asc.getFirst())), asc.getFirst(), fmt(rolling.get(asc.getLast())), asc.getLast(), fmt(added),
                        crossovers.isEmpty() ? "not reached in this range with these costs"
                                : String.format(Locale.ROOT, "at share %.2f", crossovers.getFirst().x()))));
        return s;
    }

    // ------------------------------------------------------------------ helpers

    private Map<Double, Summary> lossOver(ExperimentRuns.Done d, String scenario) {
        Map<Double, Summary> out = new java.util.TreeMap<>();
        for (var arm : d.outcome().arms()) {
            if (!arm.scenario().name().equals(scenario)) {
                continue;
            }
            double x = arm.point().getOrDefault(SweepParameter.WORKLOAD_ASYNC_FRACTION.configName(), 0.0);
            double[] losses = d.outcome().results().stream().filter(r -> r.scenario().equals(arm.label()))
                    .mapToDouble(PaperSuite::loss).toArray();
            out.put(x, Summary.of(losses));
        }
        return out;
    }

    /** Per replication, the loss of {@code scenario} at async share {@code a} minus at {@code b}. */
    private static double[] pairedLoss(ExperimentRuns.Done d, String scenario, double a, double b) {
        Map<Integer, Double> atB = new LinkedHashMap<>();
        Map<Integer, Double> atA = new LinkedHashMap<>();
        for (var arm : d.outcome().arms()) {
            if (!arm.scenario().name().equals(scenario)) {
                continue;
            }
            double x = arm.point().getOrDefault(SweepParameter.WORKLOAD_ASYNC_FRACTION.configName(), 0.0);
            Map<Integer, Double> target = x == a ? atA : x == b ? atB : null;
            if (target != null) {
                d.outcome().results().stream().filter(r -> r.scenario().equals(arm.label()))
                        .forEach(r -> target.put(r.replication(), loss(r)));
            }
        }
        return atA.keySet().stream().filter(atB::containsKey).mapToDouble(r -> atA.get(r) - atB.get(r)).toArray();
    }

    static double loss(RunResult r) {
        double failed = r.offered() * (1 - r.availability());
        return failed * COST_FAILED_REQUEST + r.racesError() * COST_RACE_ERROR + r.racesSilent() * COST_RACE_SILENT
                + r.faultsReachedProduction() * COST_FAULT_IN_PRODUCTION;
    }

    /** Per replication, a − b: scenarios share random streams, so paired differences are sharp. */
    static Summary paired(ExperimentRuns.Done d, String a, String b, java.util.function.ToDoubleFunction<RunResult> metric) {
        Map<Integer, Double> av = new LinkedHashMap<>();
        d.outcome().results().stream().filter(r -> r.scenario().equals(a)).forEach(r -> av.put(r.replication(), metric.applyAsDouble(r)));
        double[] diffs = d.outcome().results().stream().filter(r -> r.scenario().equals(b) && av.containsKey(r.replication()))
                .mapToDouble(r -> av.get(r.replication()) - metric.applyAsDouble(r)).toArray();
        return Summary.of(diffs);
    }

    /** Least-squares slope of log(y) against log(x), over points with y > 0. */
    static double logSlope(Map<Double, Summary> points) {
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        int n = 0;
        for (var e : points.entrySet()) {
            if (e.getKey() > 0 && e.getValue().mean() > 0) {
                double x = Math.log(e.getKey());
                double y = Math.log(e.getValue().mean());
                sx += x;
                sy += y;
                sxx += x * x;
                sxy += x * y;
                n++;
            }
        }
        return n < 2 ? Double.NaN : (n * sxy - sx * sy) / (n * sxx - sx * sx);
    }

    /** Share k/n with its 95% Wilson interval: {share, low, high}. */
    static double[] wilson(int k, int n) {
        if (n == 0) {
            return new double[]{Double.NaN, 0, 1};
        }
        double z = 1.959964;
        double p = (double) k / n;
        double denom = 1 + z * z / n;
        double centre = (p + z * z / (2 * n)) / denom;
        double half = z * Math.sqrt(p * (1 - p) / n + z * z / (4.0 * n * n)) / denom;
        return new double[]{p, Math.max(0, centre - half), Math.min(1, centre + half)};
    }

    private static String wilsonText(double[] w, FaultCounts c) {
        return String.format(Locale.ROOT, "%.2f [%.2f, %.2f] (%d of %d)", w[0], w[1], w[2], c.reachedProduction(), c.injected());
    }

    private static String share(int k, int n) {
        return n == 0 ? "-" : String.format(Locale.ROOT, "%.2f", (double) k / n);
    }

    private static String fmt(Summary s) {
        return imago.experiments.report.Numbers.withCi(s);
    }
}
