package imago.experiments.simvsreal;

import imago.executor.load.RequestRecord;
import imago.model.dist.Dist;
import imago.model.experiment.Experiment;
import imago.model.experiment.FaultSpec;
import imago.model.experiment.Scenario;
import imago.model.fault.FaultInjection;
import imago.model.fault.FaultModel;
import imago.model.fault.FaultType;
import imago.model.plan.StepKind;
import imago.model.strategy.Strategy;
import imago.model.topology.Tier;
import imago.model.topology.TierKind;
import imago.model.topology.WarmupStage;
import imago.model.upgrade.SchemaChange;
import imago.model.upgrade.Upgrade;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The simulator's parameters as the executor measured them. Step durations, the conversion rate,
 * the runtime test's and the switch's real length, and the application's service time are taken
 * from the step and request logs of real runs, pooled over every strategy (one calibration for
 * all, so a gap that remains shows what the model leaves out rather than being fitted away); the
 * steps from the runs without a given fault; from every run, the nodes' Rollback time, the rate
 * at which a database's Rollback converts its rows back (the plan times a data rollback by it), the
 * conversion rates of every conversion that skipped no table, and each table's row cost from when
 * the conversions in place swapped it.
 *
 * @param steps            real duration of each kind of step on the nodes, with readiness delays
 *                         taken out (the plan adds them back)
 * @param convertedRows    rows the real conversion converted, per run
 * @param conversionRate   rows per second of conversions within one database that serves meanwhile (rolling)
 * @param offlineRate      the same with the application stopped (in-place): nothing competes with it
 * @param parallelRate     rows per second of conversions into the parallel universe's database
 *                         (blue-green, Imago): a copy across servers, slower
 * @param exportRate       rows per second at which those copies' source exported them: it runs
 *                         ahead of the load, so production's database is read for that time only
 * @param runtimeTestS     the real runtime test's length (recording, replay and comparison)
 * @param switchS          the real switch's length (hold, drain, flip, release)
 * @param serviceTimeS     mean latency of requests before the upgrade: the application's service time
 * @param runs             real runs measured
 * @param latencyLogSd     the standard deviation of the logarithm of those latencies around their
 *                         request type's: the spread of a log-normal service time (the real tail is
 *                         longer than an exponential's), within a type when the types' costs are measured
 * @param warmup           how the nodes a run started or rolled back served in their first seconds: per
 *                         stage of {@link RequestLatencies#WARMUP_STAGES}, their answers' latency over their type's mean
 *                         before the upgrade (a JVM's code still interpreted, its pool cold), up to the
 *                         first stage with fewer than {@link RequestLatencies#MIN_PER_STAGE} answers
 * @param latencyByKind    per request type of the mix (and the callback, by the executor's name for it),
 *                         the latencies (s) before the upgrade: its mean over all requests' mean is the
 *                         type's {@code cost}, so a list page costs what it really costs against one item
 * @param rollbackRate     rows per second of the real rollbacks' conversion back (a database's Rollback),
 *                         each table's rows weighted by its row cost where the log names the tables
 *                         converted back (a rollback after a skipped step converts back fewer, cheaper ones)
 * @param faultyStarts     per fault type, the real Start of the node a given fault of that type was
 *                         injected into before it started (readiness delays taken out): the executor's
 *                         readiness warm-up waits on what the fault broke
 * @param repairs          per fault type, the real repair of a fault a runtime test caught in the
 *                         parallel universe (repair, restart, the test again): the simulator's repair
 *                         time for it, where the fault model has only round guesses
 * @param rowCosts         per table of the schema change (by its configured name), what converting
 *                         one of its rows cost against the conversion's average row, from when the
 *                         executor swapped each table in: the split of a conversion's time that
 *                         decides when old nodes start failing on each table
 */
public record Calibration(Map<StepKind, Measured> steps, OptionalDouble convertedRows, OptionalDouble conversionRate,
                          OptionalDouble offlineRate, OptionalDouble parallelRate, OptionalDouble exportRate, Optional<Measured> runtimeTestS, Optional<Measured> switchS, Optional<Measured> serviceTimeS,
                          int runs, OptionalDouble latencyLogSd, OptionalDouble rollbackRate, Map<FaultType, Measured> faultyStarts,
                          Map<FaultType, Measured> repairs, Map<String, Measured> rowCosts,
                          Map<String, Measured> latencyByKind, List<Stage> warmup) {

    /** A warm-up stage as measured: until a node's age (s), its answers' mean latency over the baseline's. */
    public record Stage(double untilS, Measured factor) {
    }

    /** Observations of one quantity. */
    public record Measured(int n, double mean, double min, double max) {
        static Optional<Measured> of(List<Double> xs) {
            if (xs.isEmpty()) {
                return Optional.empty();
            }
            double sum = 0, min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
            for (double x : xs) {
                sum += x;
                min = Math.min(min, x);
                max = Math.max(max, x);
            }
            return Optional.of(new Measured(xs.size(), sum / xs.size(), min, max));
        }
    }

    private static final Pattern CONVERTED = Pattern.compile("(\\d+) rows converted in ([0-9.]+) s");
    private static final Pattern EXPORTED = Pattern.compile("exported by the source in ([0-9.]+) s");
    /** One table's swap in a conversion in place: its name, rows, and seconds from the conversion's start. */
    private static final Pattern SWAP = Pattern.compile("([A-Za-z0-9_]+) (\\d+) rows at ([0-9.]+) s");
    private static final String SWAPS = ", swaps: ";
    private static final Pattern CONVERTED_BACK = Pattern.compile("(\\d+) rows converted back");
    private static final String REPAIR = "repair in the parallel universe: ";
    private static final Pattern REPAIRED_TYPE = Pattern.compile("type (\\d) at ");

    public Calibration {
        steps = Map.copyOf(steps);
        faultyStarts = Map.copyOf(faultyStarts);
        repairs = Map.copyOf(repairs);
        rowCosts = Map.copyOf(rowCosts);
        latencyByKind = Map.copyOf(latencyByKind);
        warmup = List.copyOf(warmup);
    }

    /**
     * @param experiment the experiment the runs executed (its plans' readiness delays and the
     *                   executor's time scale are taken out of the Start times)
     */
    static Calibration of(Experiment experiment, List<RunLogs> runs) {
        Map<StepKind, List<Double>> byKind = new EnumMap<>(StepKind.class);
        Map<FaultType, List<Double>> faultyStartTimes = new EnumMap<>(FaultType.class);
        Map<FaultType, List<Double>> repairTimes = new EnumMap<>(FaultType.class);
        List<Double> tests = new ArrayList<>(), switches = new ArrayList<>();
        Map<String, List<Double>> byType = new TreeMap<>();
        List<RunLogs.Warming> warming = new ArrayList<>();
        Map<String, List<Double>> rowCosts = new HashMap<>();
        List<ConvertedBack> backs = new ArrayList<>();
        List<String> tables = experiment.upgrade().schema().map(SchemaChange::tableNames).orElse(List.of());
        double rows = 0;
        int conversions = 0;
        // production-online, production-offline, parallel -> {rows, seconds}
        Map<String, double[]> rates = new HashMap<>();
        // A given fault changes the steps it touches without failing them (a Start that waits on a
        // broken node, a conversion that skips a table): those times are the fault's. Steps are
        // measured on the fault-free runs, recoveries (Rollback) on every run, and conversions that
        // skipped nothing on every run too: the given faults break nodes, not the copy, and the
        // share a conversion takes is a ratio of two rates whose noise 1 / (1 - share) amplifies,
        // so each rate gets every observation there is (three runs gave 0.80 and 0.86 in two runs).
        boolean anyFaultFree = runs.stream().anyMatch(r -> faultFree(experiment, r));
        for (RunLogs run : runs) {
            boolean measureSteps = !anyFaultFree || faultFree(experiment, run);
            double readiness = readinessS(experiment, run.scenario());
            faultyStartsOf(experiment, run, readiness)
                    .forEach((t, d) -> observe(faultyStartTimes, t, d));
            Set<Integer> instantRetires = retiresOfStopped(run);
            for (int i = 0; i < run.steps().size(); i++) {
                RunLogs.StepRow s = run.steps().get(i);
                repairedType(s).ifPresent(t -> observe(repairTimes, t, s.durationS()));
                boolean wholeConversion = s.kind() == StepKind.CONVERT_DATA && s.skippedTables().isEmpty();
                if (!s.status().equals("ok") || (!measureSteps && s.kind() != StepKind.ROLLBACK && !wholeConversion)) {
                    continue; // a failed step's time is the fault's, not the step's
                }
                switch (s.kind()) {
                    case CONVERT_DATA -> {
                        Matcher m = CONVERTED.matcher(s.detail());
                        if (m.find()) {
                            String bucket = s.universe().equals("parallel") ? "parallel"
                                    : s.detail().contains("offline") ? "offline" : "online";
                            long converted = Long.parseLong(m.group(1));
                            addRate(rates, bucket, converted, Double.parseDouble(m.group(2)));
                            rows += converted;
                            conversions++;
                            Matcher e = EXPORTED.matcher(s.detail());
                            if (e.find()) {
                                addRate(rates, "export", converted, Double.parseDouble(e.group(1)));
                            }
                            rowCostsOf(s.detail(), tables).forEach((t, c) -> observe(rowCosts, t, c));
                        }
                    }
                    case RUNTIME_TEST -> {
                        if (!s.detail().startsWith(REPAIR)) { // a repair and its test again: the fault's time
                            tests.add(s.durationS());
                        }
                    }
                    case SWITCH -> switches.add(s.durationS());
                    case START -> {
                        // A database's Start only checks the server its Provision started (0 s): pooled with
                        // the nodes' Starts it lowered their mean (run I: 0.46 s against 0.54-0.76 for nodes).
                        if (!databases(experiment, s.targets())) {
                            observe(byKind, s.kind(),
                                    Math.max(0, s.durationS() - (s.universe().equals("production") ? readiness : 0)));
                        }
                    }
                    // Kinds whose time the upgrade's stepTimes set; the others are policy or data.
                    case PROVISION, DRAIN, STOP, INSTALL, CONFIGURE, RETIRE, ROLLBACK -> {
                        // A Drain without targets (logs from before Wait existed) is a policy wait, not work;
                        // a database's Rollback converts the data back: its rate is measured, not its time.
                        if (s.kind() == StepKind.ROLLBACK && !s.targets().isEmpty() && databases(experiment, s.targets())) {
                            convertedBack(s).ifPresent(backs::add);
                        } else if (!s.targets().isEmpty() && !instantRetires.contains(i)) {
                            // (Retiring nodes a Stop stopped removes them at once, in both backends: no time to measure.)
                            observe(byKind, s.kind(), s.durationS());
                        }
                    }
                    // A weight change is instant; an analysis lasts as long as its measurements (policy).
                    case SYNC_DATA, WAIT, SET_WEIGHT, ANALYSIS -> { }
                }
            }
            run.baselineByKind().forEach((k, xs) -> byType.computeIfAbsent(k, x -> new ArrayList<>()).addAll(xs));
            warming.addAll(run.warming());
        }
        // Kinds the workload does not name (a mix the config describes otherwise) stay pooled as one.
        Set<String> named = RequestLatencies.typeNames(experiment);
        Map<String, List<Double>> typed = new TreeMap<>();
        byType.forEach((k, xs) -> typed.computeIfAbsent(named.contains(k) ? k : "", x -> new ArrayList<>()).addAll(xs));
        // Weighted once every conversion's row costs are known.
        Map<String, Double> costs = costsOf(experiment, measured(rowCosts));
        backs.forEach(b -> addRate(rates, "back", b.weightedRows(costs), b.seconds()));
        return new Calibration(measured(byKind),
                conversions == 0 ? OptionalDouble.empty() : OptionalDouble.of(rows / conversions),
                rate(rates.get("online")), rate(rates.get("offline")), rate(rates.get("parallel")), rate(rates.get("export")),
                Measured.of(tests), Measured.of(switches),
                Measured.of(byType.values().stream().flatMap(List::stream).toList()), runs.size(), RequestLatencies.logSd(typed.values()),
                rate(rates.get("back")), measured(faultyStartTimes), measured(repairTimes), measured(rowCosts),
                measured(typed.entrySet().stream().filter(en -> !en.getKey().isEmpty())
                        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue))),
                RequestLatencies.warmup(warming, byType));
    }

    /**
     * Each swapped table's row cost in one conversion in place: its seconds (from the previous swap,
     * or the start) per row, over the conversion's seconds per row up to its last swap. A conversion
     * that swapped one table alone (the other skipped) says nothing about the split, so none.
     */
    static Map<String, Double> rowCostsOf(String detail, List<String> tables) {
        int at = detail.indexOf(SWAPS);
        if (at < 0) {
            return Map.of();
        }
        List<Segment> segments = new ArrayList<>();
        Matcher m = SWAP.matcher(detail.substring(at + SWAPS.length()));
        double before = 0;
        while (m.find()) {
            double atS = Double.parseDouble(m.group(3));
            segments.add(new Segment(m.group(1), Long.parseLong(m.group(2)), atS - before));
            before = atS;
        }
        double rows = segments.stream().mapToDouble(Segment::rows).sum();
        if (segments.size() < 2 || rows <= 0 || before <= 0) {
            return Map.of();
        }
        double perRow = before / rows;
        Map<String, Double> out = new HashMap<>();
        for (Segment x : segments) {
            Optional<String> table = tables.stream().filter(t -> t.equalsIgnoreCase(x.table())).findFirst();
            if (table.isPresent() && x.rows() > 0) {
                out.put(table.get(), (x.seconds() / x.rows()) / perRow);
            }
        }
        return out;
    }

    /** A database's rollback: the rows it converted back, each table's where the log names them, and its seconds. */
    private record ConvertedBack(long rows, Map<String, Long> tables, double seconds) {
        /** Its rows, each table's weighted by its row cost (a table without one costs an average row). */
        double weightedRows(Map<String, Double> costs) {
            if (tables.isEmpty()) {
                return rows;
            }
            return tables.entrySet().stream().mapToDouble(t -> t.getValue() * costs.getOrDefault(t.getKey(), 1.0)).sum();
        }
    }

    private static Optional<ConvertedBack> convertedBack(RunLogs.StepRow s) {
        Matcher m = CONVERTED_BACK.matcher(s.detail());
        if (!m.find() || s.durationS() <= 0) {
            return Optional.empty();
        }
        return Optional.of(new ConvertedBack(Long.parseLong(m.group(1)), s.tablesConvertedBack(), s.durationS()));
    }

    /** Each table's row cost, by name ignoring case (the executor's are upper case): the measured mean, else the configured one. */
    private static Map<String, Double> costsOf(Experiment experiment, Map<String, Measured> measured) {
        Map<String, Double> out = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        experiment.upgrade().schema().ifPresent(sc -> sc.tables().forEach(t -> out.put(t.name(), t.rowCost())));
        measured.forEach((t, m) -> out.put(t, m.mean()));
        return out;
    }

    /** One table's part of a conversion: its rows and the seconds from the previous swap to its own. */
    private record Segment(String table, long rows, double seconds) {}

    /**
     * Which of the run's steps (by index) retire only nodes a Stop stopped (and nothing started
     * since): both backends remove them at once, so such a Retire has no time of its own.
     */
    static Set<Integer> retiresOfStopped(RunLogs run) {
        Set<String> stopped = new HashSet<>();
        Set<Integer> out = new HashSet<>();
        for (int i = 0; i < run.steps().size(); i++) {
            RunLogs.StepRow s = run.steps().get(i);
            trackStopped(stopped, s);
            if (s.kind() == StepKind.RETIRE && !s.targets().isEmpty() && stopped.containsAll(keys(s))) {
                out.add(i);
            }
        }
        return out;
    }

    /** Which nodes a Stop has stopped and no Start has started since, as universe/node. */
    private static void trackStopped(Set<String> stopped, RunLogs.StepRow s) {
        if (!s.status().equals("ok")) {
            return;
        }
        if (s.kind() == StepKind.STOP) {
            stopped.addAll(keys(s));
        } else if (s.kind() == StepKind.START) {
            keys(s).forEach(stopped::remove);
        }
    }

    private static List<String> keys(RunLogs.StepRow s) {
        return s.targets().stream().map(t -> s.universe() + "/" + t).toList();
    }

    /** One more observation of {@code key}. */
    private static <K> void observe(Map<K, List<Double>> observations, K key, double x) {
        observations.computeIfAbsent(key, k -> new ArrayList<>()).add(x);
    }

    /** Each key's observations summed up; keys without any are left out. */
    private static <K> Map<K, Measured> measured(Map<K, List<Double>> observations) {
        Map<K, Measured> out = new HashMap<>();
        observations.forEach((k, xs) -> Measured.of(xs).ifPresent(m -> out.put(k, m)));
        return out;
    }

    /** The type of the one fault a successful repair in the parallel universe repaired, if that is what {@code s} is. */
    private static Optional<FaultType> repairedType(RunLogs.StepRow s) {
        if (!s.status().equals("ok") || !s.detail().startsWith(REPAIR)) {
            return Optional.empty();
        }
        Set<FaultType> types = EnumSet.noneOf(FaultType.class);
        Matcher m = REPAIRED_TYPE.matcher(s.detail());
        while (m.find()) {
            types.add(FaultType.ofNumber(Integer.parseInt(m.group(1))));
        }
        // Several faults repaired at once share one time: it is no one type's.
        return types.size() == 1 ? Optional.of(types.iterator().next()) : Optional.empty();
    }

    /**
     * The Start of each node a given fault went into before it started (the fault's step, then the
     * node's next Start in that universe), by the fault's type: its readiness delay taken out. A
     * fault injected at a Start takes effect at its end, so that Start is not the fault's.
     */
    private static Map<FaultType, Double> faultyStartsOf(Experiment experiment, RunLogs run, double readiness) {
        Map<FaultType, Double> out = new EnumMap<>(FaultType.class);
        faultyStarts(experiment, run).forEach((i, type) -> {
            RunLogs.StepRow s = run.steps().get(i);
            if (s.status().equals("ok")) {
                out.put(type, Math.max(0, s.durationS() - (s.universe().equals("production") ? readiness : 0)));
            }
        });
        return out;
    }

    /** Which of the run's steps (by index) is the Start of a node a given fault went into, with the fault's type, in the faults' order. */
    static Map<Integer, FaultType> faultyStarts(Experiment experiment, RunLogs run) {
        Map<Integer, FaultType> out = new java.util.LinkedHashMap<>();
        List<FaultInjection> given = experiment.scenario(run.scenario()).map(Scenario::injected).orElse(List.of());
        for (FaultInjection f : given) {
            if (f.step() == StepKind.START) {
                continue;
            }
            boolean injected = false;
            for (int i = 0; i < run.steps().size(); i++) {
                RunLogs.StepRow s = run.steps().get(i);
                boolean here = s.targets().contains(f.target())
                        && f.universe().map(u -> u.configName().equals(s.universe())).orElse(true);
                if (!here) {
                    continue;
                }
                if (s.kind() == f.step()) {
                    injected = true;
                } else if (injected && s.kind() == StepKind.START) {
                    out.put(i, f.type());
                    break;
                }
            }
        }
        return out;
    }

    /** The readiness delay a scenario's plan adds to a Start in production, in the executor's seconds. */
    static double readinessS(Experiment experiment, String scenario) {
        return experiment.scenario(scenario).map(Scenario::strategy)
                .map(s -> switch (s) {
                    case Strategy.Rolling r -> r.readinessDelayS();
                    case Strategy.DependencyOrdered d -> d.rolling().readinessDelayS();
                    case Strategy.InPlace i -> 0.0;
                    case Strategy.BlueGreen b -> 0.0;
                    case Strategy.Imago i -> 0.0;
                    case Strategy.Canary c -> c.readinessDelayS();
                }).orElse(0.0)
                * experiment.executor().timeScale();
    }

    private static boolean databases(Experiment experiment, List<String> nodes) {
        return nodes.stream().allMatch(n -> experiment.topology().tierOf(n).map(t -> t.kind() == TierKind.DATABASE).orElse(false));
    }

    private static boolean faultFree(Experiment experiment, RunLogs run) {
        return experiment.scenario(run.scenario()).map(sc -> sc.injected().isEmpty()).orElse(true);
    }

    private static void addRate(Map<String, double[]> rates, String key, double rows, double seconds) {
        double[] acc = rates.computeIfAbsent(key, k -> new double[2]);
        acc[0] += rows;
        acc[1] += seconds;
    }

    /** Rows over seconds; none when no row was converted (a compatible change's rollback converts none back). */
    private static OptionalDouble rate(double[] rowsAndSeconds) {
        return rowsAndSeconds == null || rowsAndSeconds[0] <= 0 || rowsAndSeconds[1] <= 0 ? OptionalDouble.empty()
                : OptionalDouble.of(rowsAndSeconds[0] / rowsAndSeconds[1]);
    }

    /** {@code e} with the measured parameters in place of the configured ones. */
    public Experiment apply(Experiment e) {
        Upgrade u = e.upgrade();
        Map<StepKind, Dist> times = new EnumMap<>(StepKind.class);
        times.putAll(u.stepTimes());
        steps.forEach((k, m) -> times.put(k, Dist.constant(m.mean())));
        // Measured rows are shared among the tables as configured (the executor converts them in that order).
        Optional<SchemaChange> schema = u.schema().map(s -> s.with(
                convertedRows.isPresent() ? Math.round(convertedRows.getAsDouble()) : s.rows(),
                conversionRate.orElse(s.conversionRate()), parallelRate.isPresent() ? parallelRate : s.parallelRate(),
                offlineRate.isPresent() ? offlineRate : s.offlineRate())
                .withRollbackRate(rollbackRate.isPresent() ? rollbackRate : s.rollbackRate())
                .withExportRate(exportRate.isPresent() ? exportRate : s.exportRate())
                .withRowCosts(rowCostMeans()));
        Map<FaultType, Dist> faultyStart = new EnumMap<>(FaultType.class);
        faultyStart.putAll(u.faultyStartTimes());
        faultyStarts.forEach((t, m) -> faultyStart.put(t, Dist.constant(m.mean())));
        Upgrade calibrated = new Upgrade(u.fromVersion(), u.toVersion(), u.tiers(), schema, u.directives(), u.libraries(),
                u.interfaces(), u.movedLocations(), times, faultyStart);
        List<Tier> tiers = new ArrayList<>();
        for (Tier t : e.topology().tiers()) {
            // The whole request's latency is put on the application tier; ingress and database keep
            // theirs. Log-normal with the real latencies' spread in logarithm, so its tail (the p99
            // the latency target compares) is the measured one, not an exponential's.
            tiers.add(t.kind() == TierKind.SERVICE && serviceTimeS.isPresent()
                    ? t.withServiceTime(appServiceTime(e)).withWarmup(warmup.isEmpty() ? t.warmup()
                            : warmup.stream().map(st -> new WarmupStage(st.untilS(), st.factor().mean())).toList())
                    : t);
        }
        List<Scenario> scenarios = e.scenarios().stream().map(this::apply).toList();
        // Only the tiers are measured: dependencies and shared processors stay as configured.
        return e.withSystem(e.topology().withTiers(tiers), calibrated).withWorkload(serviceTimeS.map(all -> RequestLatencies.costed(e.workload(), latencyByKind, all.mean()))
                        .orElse(e.workload()))
                .withRun(scenarios, e.replications(), e.seed(), e.backend());
    }

    private Map<String, Double> rowCostMeans() {
        return rowCosts.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, en -> en.getValue().mean()));
    }

    private Dist appServiceTime(Experiment e) {
        double others = e.topology().tiers().stream().filter(t -> t.kind() != TierKind.SERVICE)
                .mapToDouble(t -> t.serviceTime().mean()).sum();
        double mean = Math.max(1e-4, serviceTimeS.orElseThrow().mean() - others);
        if (latencyLogSd.isEmpty()) {
            return Dist.exponential(mean);
        }
        double s = latencyLogSd.getAsDouble();
        return new Dist.LogNormal(mean, mean * Math.sqrt(Math.expm1(s * s)));
    }

    /**
     * A scenario whose faults are given (no model draws them) gets the measured repair times for
     * its faults, the fault model's guesses for the rest; a model-drawn campaign keeps its model.
     */
    private FaultSpec applyRepairs(Scenario s) {
        if (repairs.isEmpty() || s.injected().isEmpty() || !(s.faults() instanceof FaultSpec.None)) {
            return s.faults();
        }
        FaultModel guesses = FaultModel.handWritten();
        Map<FaultType, Dist> repair = new EnumMap<>(guesses.repair());
        repairs.forEach((t, m) -> repair.put(t, Dist.constant(m.mean())));
        return new FaultSpec.Given(new FaultModel("calibrated repairs", Map.of(), guesses.detection(), repair,
                Map.of(), Map.of(), Optional.empty()));
    }

    private Scenario apply(Scenario s) {
        Strategy st = switch (s.strategy()) {
            case Strategy.Imago i -> new Strategy.Imago(i.testCoverage(), runtimeTestS.map(Measured::mean).orElse(i.testDurationS()),
                    i.drainSessions(), switchS.map(Measured::mean).orElse(i.switchHoldS()), i.keepOldS());
            case Strategy.BlueGreen b -> new Strategy.BlueGreen(switchS.map(Measured::mean).orElse(b.switchHoldS()), b.keepOldS());
            case Strategy.InPlace i -> i;
            case Strategy.Rolling r -> r;
            case Strategy.Canary c -> c; // its pauses and analyses are policy, not measured times
            case Strategy.DependencyOrdered d -> d;
        };
        return new Scenario(s.name(), st, applyRepairs(s), s.injected());
    }

    /** The calibration as rows of parameter, value, observations, min, max. */
    public List<List<String>> rows() {
        List<List<String>> out = new ArrayList<>();
        steps.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(en -> out.add(row("stepTimes." + en.getKey().configName() + " (s)", en.getValue())));
        repairs.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(en -> out.add(row("repair of a caught type " + en.getKey().number() + " fault (s)", en.getValue())));
        faultyStarts.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(en -> out.add(row("faultyStartTimes." + en.getKey().number() + " (s, Start of a node given a type "
                        + en.getKey().number() + " fault)", en.getValue())));
        convertedRows.ifPresent(r -> out.add(List.of("schema.rows", fmt(r), "", "", "")));
        conversionRate.ifPresent(r -> out.add(List.of("schema.conversionRate (rows/s, in place, serving)", fmt(r), "", "", "")));
        offlineRate.ifPresent(r -> out.add(List.of("schema.offlineRate (rows/s, in place, application stopped)", fmt(r), "", "", "")));
        parallelRate.ifPresent(r -> out.add(List.of("schema.parallelRate (rows/s, into the parallel universe)", fmt(r), "", "", "")));
        exportRate.ifPresent(r -> out.add(List.of("schema.exportRate (rows/s, the source's export of those copies)", fmt(r), "", "", "")));
        rollbackRate.ifPresent(r -> out.add(List.of("schema.rollbackRate (rows/s, converted back in a rollback)", fmt(r), "", "", "")));
        rowCosts.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(en -> out.add(row("schema.tables." + en.getKey() + ".rowCost (its row's time over the average row's)", en.getValue())));
        runtimeTestS.ifPresent(m -> out.add(row("imago.testDuration (s)", m)));
        switchS.ifPresent(m -> out.add(row("switchHold (s)", m)));
        serviceTimeS.ifPresent(m -> out.add(row("request latency before the upgrade (s)", m)));
        latencyLogSd.ifPresent(v -> out.add(List.of("sd of ln(latency) before the upgrade, within a request type (log-normal service time)", fmt(v), "", "", "")));
        double from = 0;
        for (Stage st : warmup) {
            out.add(row("warmup: a started node's latency over the baseline's, " + fmt(from) + "-" + fmt(st.untilS()) + " s after it took traffic", st.factor()));
            from = st.untilS();
        }
        serviceTimeS.ifPresent(all -> latencyByKind.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(en -> out.add(List.of((en.getKey().equals(RequestRecord.CONFIRM) ? "workload.async.cost (" + en.getKey() + ")"
                                : "workload.mix." + en.getKey() + ".cost") + " (its mean latency before the upgrade over all requests')",
                        fmt(en.getValue().mean() / all.mean()), Integer.toString(en.getValue().n()), "", ""))));
        return out;
    }

    private static List<String> row(String name, Measured m) {
        return List.of(name, fmt(m.mean()), Integer.toString(m.n()), fmt(m.min()), fmt(m.max()));
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }
}
