package imago.experiments.simvsreal;

import imago.model.config.ExperimentLoader;
import imago.model.dist.Dist;
import imago.model.experiment.Experiment;
import imago.model.experiment.FaultSpec;
import imago.model.experiment.Scenario;
import imago.model.fault.FaultInjection;
import imago.model.fault.FaultModel;
import imago.model.fault.FaultType;
import imago.model.plan.StepKind;
import imago.model.plan.Universe;
import imago.model.strategy.Strategy;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class CalibrationTest {

    private final Experiment e = ExperimentLoader.load(Path.of("src/test/resources/bidding-small.yaml"));

    private static RunLogs.StepRow step(StepKind k, String universe, String targets, double s, String status, String detail) {
        return new RunLogs.StepRow(k, universe, targets.isEmpty() ? List.of() : List.of(targets.split(" ")), s, status, detail);
    }

    private final List<RunLogs> runs = List.of(
            new RunLogs("in-place", 0, List.of(
                    step(StepKind.STOP, "production", "app-1 app-2", 0.4, "ok", ""),
                    step(StepKind.CONVERT_DATA, "production", "db-1", 1.0, "ok", "20000 rows converted in 1.00 s (20000 rows/s), offline"),
                    step(StepKind.START, "production", "app-1 app-2", 0.6, "ok", "")), List.of(0.004, 0.006), Map.of()),
            new RunLogs("rolling", 0, List.of(
                    step(StepKind.CONVERT_DATA, "production", "db-1", 1.0, "ok", "30000 rows converted in 1.00 s (30000 rows/s), online"),
                    // Rolling's Start includes its 1 s readiness delay, which the plan adds back.
                    step(StepKind.START, "production", "app-1", 1.8, "ok", ""),
                    step(StepKind.DRAIN, "production", "", 2.0, "ok", "waited"),
                    step(StepKind.STOP, "production", "app-2", 9.0, "failed", "a fault's time, not the step's")), List.of(0.005), Map.of()),
            new RunLogs("imago", 0, List.of(
                    step(StepKind.CONVERT_DATA, "parallel", "db-1", 5.0, "ok", "25000 rows converted in 5.00 s (5000 rows/s), online"),
                    step(StepKind.RUNTIME_TEST, "parallel", "", 4.0, "ok", ""),
                    step(StepKind.SWITCH, "parallel", "", 0.1, "ok", "")), List.of(), Map.of()));

    @Test
    void measuresRatesPerUniverseAndStepTimesWithoutPolicyWaits() {
        Calibration c = Calibration.of(e, runs);
        assertThat(c.offlineRate().getAsDouble()).isCloseTo(20_000, within(1e-6));      // in-place: nothing else runs
        assertThat(c.conversionRate().getAsDouble()).isCloseTo(30_000, within(1e-6));   // rolling: production serves
        assertThat(c.parallelRate().getAsDouble()).isCloseTo(5_000, within(1e-6));
        assertThat(c.convertedRows().getAsDouble()).isCloseTo(25_000, within(1e-6));
        assertThat(c.steps().get(StepKind.STOP).n()).isEqualTo(1);                      // the failed Stop is left out
        assertThat(c.steps().get(StepKind.START).mean()).isCloseTo((0.6 + 0.8) / 2, within(1e-9));
        assertThat(c.steps()).doesNotContainKey(StepKind.DRAIN);                         // a target-less Drain is a wait
        assertThat(c.runtimeTestS().orElseThrow().mean()).isEqualTo(4.0);
        assertThat(c.serviceTimeS().orElseThrow().mean()).isCloseTo(0.005, within(1e-12));
    }

    @Test
    void measuresTheSourcesExportOfACopyWhereTheExecutorReportsIt() {
        // The executor's older logs do not report the export: the copy then reads its source throughout.
        assertThat(Calibration.of(e, runs).exportRate()).isEmpty();
        List<RunLogs> withExport = runsAnd(new RunLogs("blue-green", 0, List.of(
                step(StepKind.CONVERT_DATA, "parallel", "db-1", 3.0, "ok",
                        "15000 rows converted in 3.00 s (5000 rows/s), offline, exported by the source in 1.25 s")), List.of(), Map.of()));
        Calibration c = Calibration.of(e, withExport);
        // Rows over export seconds, from the copies that report it; the load's rate from all of them.
        assertThat(c.exportRate().getAsDouble()).isCloseTo(12_000, within(1e-6));
        assertThat(c.parallelRate().getAsDouble()).isCloseTo(40_000 / 8.0, within(1e-6));
        assertThat(c.apply(e).upgrade().schema().orElseThrow().exportRate().getAsDouble()).isCloseTo(12_000, within(1e-6));
        assertThat(c.rows()).anySatisfy(r -> assertThat(r.getFirst()).startsWith("schema.exportRate"));
    }

    @Test
    void aConversionInARunWithAFaultCountsUnlessItSkippedATable() {
        List<RunLogs> withFaults = runsAnd(
                new RunLogs("in-place-type3", 0, List.of(
                        step(StepKind.CONVERT_DATA, "production", "db-1", 3.0, "ok", "30000 rows converted in 3.00 s (10000 rows/s), offline"),
                        step(StepKind.START, "production", "app-1 app-2", 9.0, "ok", "")), List.of(), Map.of()),
                new RunLogs("in-place-type3", 1, List.of(
                        step(StepKind.CONVERT_DATA, "production", "db-1", 1.0, "ok",
                                "10000 rows converted in 1.00 s (10000 rows/s), offline, skipped [ITEMS]")), List.of(), Map.of()));
        Calibration c = Calibration.of(e, withFaults);
        // The faulty run's whole conversion joins the fault-free one (20k in 1 s): 50k rows in 4 s.
        assertThat(c.offlineRate().getAsDouble()).isCloseTo(12_500, within(1e-6));
        // Its Start is the fault's, and the conversion that skipped a table is left out of rates and rows.
        assertThat(c.steps().get(StepKind.START).mean()).isCloseTo((0.6 + 0.8) / 2, within(1e-9));
        assertThat(c.convertedRows().getAsDouble()).isCloseTo((20_000 + 30_000 + 25_000 + 30_000) / 4.0, within(1e-6));
    }

    @Test
    void aRollbackThatConvertedNoRowMeasuresNoRate() {
        // A compatible change's rollback has nothing to convert back: 0 rows in 0.5 s is no rate
        // (it was taken as 0 rows/s, and the plan's data rollback then lasted forever).
        Calibration c = Calibration.of(e, runsAnd(new RunLogs("in-place-type3", 0, List.of(
                step(StepKind.ROLLBACK, "production", "db-1", 0.5, "ok", "rolled back to v1 (0 rows converted back to v1)")),
                List.of(), Map.of())));
        assertThat(c.rollbackRate()).isEmpty();
        Experiment calibrated = c.apply(e);
        assertThat(calibrated.upgrade().schema().orElseThrow().rollbackSeconds()).isFinite();
    }

    @Test
    void stepsOfARunWithAGivenFaultCountOnlyForRecovery() {
        List<RunLogs> withFault = runsAnd(new RunLogs("in-place-type3", 0, List.of(
                step(StepKind.STOP, "production", "app-1 app-2", 5.0, "ok", ""),      // slowed by the fault: left out
                step(StepKind.ROLLBACK, "production", "db-1", 12.0, "ok", "rolled back to v1 (1200 rows converted back to v1)"),
                step(StepKind.ROLLBACK, "production", "app-2", 2.0, "ok", "rolled back to v1")), List.of(0.005), Map.of()));
        Calibration c = Calibration.of(e, withFault);
        assertThat(c.steps().get(StepKind.STOP).mean()).isEqualTo(0.4);
        // The database's Rollback converts the data back: its rate times it, not the nodes' Rollback time.
        assertThat(c.steps().get(StepKind.ROLLBACK).mean()).isEqualTo(2.0);
        assertThat(c.rollbackRate().getAsDouble()).isCloseTo(100, within(1e-9));
        assertThat(c.apply(e).upgrade().schema().orElseThrow().rollbackRate().getAsDouble()).isCloseTo(100, within(1e-9));
        // With no fault-free run at all, the faulty runs' steps are all there is.
        Calibration onlyFaulty = Calibration.of(e, withFault.subList(3, 4));
        assertThat(onlyFaulty.steps().get(StepKind.STOP).mean()).isEqualTo(5.0);
    }

    /** The fault-free runs and {@code more}. */
    private List<RunLogs> runsAnd(RunLogs... more) {
        List<RunLogs> all = new java.util.ArrayList<>(runs);
        all.addAll(List.of(more));
        return all;
    }

    /** The experiment with one more scenario, {@code base}'s strategy with a type 1 fault given at app-2's Configure. */
    private Experiment withType1Scenario(String base) {
        Scenario type1 = new Scenario(base + "-type1", e.scenario(base).orElseThrow().strategy(), new FaultSpec.None(),
                List.of(FaultInjection.of(1, "Configure", "app-2")));
        List<Scenario> scenarios = new java.util.ArrayList<>(e.scenarios());
        scenarios.add(type1);
        return e.withRun(scenarios, e.replications(), e.seed(), e.backend());
    }

    /**
     * A node given a fault before its Start starts in the fault's time (the executor's warm-up
     * waits on what it broke): measured per fault type, from that node's next Start only, and
     * applied as the upgrade's faultyStartTimes; a fault injected at a Start does not slow it.
     */
    @Test
    void measuresTheStartOfANodeGivenAFaultPerType() {
        Experiment withType1 = withType1Scenario("rolling");
        List<RunLogs> all = runsAnd(new RunLogs("rolling-type1", 0, List.of(
                step(StepKind.CONFIGURE, "production", "app-1", 0.0, "ok", ""),
                step(StepKind.START, "production", "app-1", 1.9, "ok", ""),
                step(StepKind.CONFIGURE, "production", "app-2", 0.0, "ok", "app-2: app.properties (faulty)"),
                // Rolling's 1 s readiness delay is the plan's, as for any Start.
                step(StepKind.START, "production", "app-2", 12.8, "ok", ""),
                step(StepKind.ROLLBACK, "production", "app-2", 0.5, "ok", "rolled back to v1")), List.of(0.005), Map.of()),
                new RunLogs("in-place-type3", 0, List.of(
                        step(StepKind.START, "production", "app-1 app-2", 7.0, "ok", "")), List.of(0.005), Map.of()));
        Calibration c = Calibration.of(withType1, all);
        assertThat(c.faultyStarts()).containsOnlyKeys(FaultType.SIMPLE_CONFIG);
        assertThat(c.faultyStarts().get(FaultType.SIMPLE_CONFIG).mean()).isCloseTo(11.8, within(1e-9));
        // The plain Start stays the fault-free runs' own.
        assertThat(c.steps().get(StepKind.START).mean()).isCloseTo((0.6 + 0.8) / 2, within(1e-9));
        Experiment cal = c.apply(withType1);
        assertThat(cal.upgrade().faultyStartTime(FaultType.SIMPLE_CONFIG)).contains(Dist.constant(11.8));
        assertThat(cal.upgrade().faultyStartTime(FaultType.BROKEN_ENVIRONMENT)).isEmpty();
        assertThat(c.rows()).anySatisfy(r -> assertThat(r.getFirst()).startsWith("faultyStartTimes.1"));
    }

    /**
     * A fault a runtime test caught is repaired in the real repair's time (per type), not in the
     * fault model's guesses: only for scenarios whose faults are given; several faults repaired
     * at once are no one type's time.
     */
    @Test
    void measuresTheRepairOfACaughtFaultPerType() {
        Experiment withType1 = withType1Scenario("imago");
        List<RunLogs> all = runsAnd(new RunLogs("imago-type1", 0, List.of(
                step(StepKind.RUNTIME_TEST, "parallel", "", 4.9, "failed", "runtime test: 116 reads replayed"),
                step(StepKind.RUNTIME_TEST, "parallel", "app-2", 3.7, "ok",
                        "repair in the parallel universe: [type 1 at Configure on app-2 -> typo in the configured database port]"),
                step(StepKind.RUNTIME_TEST, "parallel", "app-1 app-2", 9.0, "ok",
                        "repair in the parallel universe: [type 1 at Configure on app-1 -> x, type 2 at Configure on app-2 -> y]")),
                List.of(0.005), Map.of()));
        Calibration c = Calibration.of(withType1, all);
        assertThat(c.repairs()).containsOnlyKeys(FaultType.SIMPLE_CONFIG);
        assertThat(c.repairs().get(FaultType.SIMPLE_CONFIG).mean()).isCloseTo(3.7, within(1e-9));
        assertThat(c.runtimeTestS().orElseThrow().mean()).isEqualTo(4.0); // the fault-free test's, not a repair's
        Experiment cal = c.apply(withType1);
        assertThat(cal.scenario("imago-type1").orElseThrow().faults()).isInstanceOfSatisfying(FaultSpec.Given.class, g -> {
            assertThat(g.model().repair().get(FaultType.SIMPLE_CONFIG)).isEqualTo(Dist.constant(3.7));
            assertThat(g.model().repair().get(FaultType.DATA_ACCESS)).isEqualTo(FaultModel.handWritten().repair().get(FaultType.DATA_ACCESS));
            assertThat(g.model().isEmpty()).isTrue(); // it draws no fault of its own
        });
        assertThat(cal.scenario("imago").orElseThrow().faults()).isInstanceOf(FaultSpec.None.class);
    }

    @Test
    void appliesTheMeasuredParametersToACopyOfTheExperiment() {
        Experiment cal = Calibration.of(e, runs).apply(e);
        var schema = cal.upgrade().schema().orElseThrow();
        assertThat(schema.rate(Universe.PRODUCTION, false)).isCloseTo(20_000, within(1e-6));
        assertThat(schema.rate(Universe.PRODUCTION, true)).isCloseTo(30_000, within(1e-6));
        assertThat(schema.rate(Universe.PARALLEL, true)).isCloseTo(5_000, within(1e-6));
        assertThat(cal.upgrade().stepTimes().get(StepKind.STOP)).isEqualTo(Dist.constant(0.4));
        assertThat(cal.scenario("imago").orElseThrow().strategy()).isInstanceOfSatisfying(Strategy.Imago.class, i -> {
            assertThat(i.testDurationS()).isEqualTo(4.0);
            assertThat(i.switchHoldS()).isEqualTo(0.1);
        });
        // The service time is log-normal with the latencies' spread in logarithm (0.004, 0.006, 0.005 s).
        double[] logs = {Math.log(0.004), Math.log(0.006), Math.log(0.005)};
        double m = (logs[0] + logs[1] + logs[2]) / 3, ss = 0;
        for (double l : logs) {
            ss += (l - m) * (l - m);
        }
        double sigma = Math.sqrt(ss / 2);
        assertThat(cal.topology().requireTier("app").serviceTime()).isInstanceOfSatisfying(Dist.LogNormal.class,
                d -> assertThat(d.sigma()).isCloseTo(sigma, within(1e-9)));
        // Unmeasured parameters keep the file's values.
        assertThat(cal.upgrade().stepTimes().get(StepKind.RETIRE)).isEqualTo(e.upgrade().stepTimes().get(StepKind.RETIRE));
        assertThat(cal.scenarios()).extracting(s -> s.name()).isEqualTo(e.scenarios().stream().map(s -> s.name()).toList());
        assertThat(cal.topology().dependencies()).isEqualTo(e.topology().dependencies());
        assertThat(cal.topology().sharedProcessors()).isFalse();
    }

    @Test
    void theCalibratedTestbedKeepsItsSharedProcessors() {
        // Both sim-vs-real configs describe the one-machine testbed; the calibration measures the
        // tiers' service times but must not lose what they run on.
        for (String name : List.of("sim-vs-real.yaml", "sim-vs-real-compatible.yaml")) {
            Experiment testbed = ExperimentLoader.load(Path.of("configs/paper", name));
            assertThat(testbed.topology().sharedProcessors()).as(name).isTrue();
            assertThat(Calibration.of(testbed, runs).apply(testbed).topology().sharedProcessors()).as(name).isTrue();
        }
    }

    @Test
    void measuresEachTablesRowCostFromWhenTheExecutorSwappedIt() {
        List<String> tables = List.of("items", "bids");
        // ITEMS: 3 s for 200k rows; BIDS: 9 s for 1M; on average 12 s for 1.2M rows (1e-5 s a row).
        Map<String, Double> costs = Calibration.rowCostsOf("1200000 rows converted in 12.10 s (99174 rows/s), online,"
                + " swaps: ITEMS 200000 rows at 3.00 s; BIDS 1000000 rows at 12.00 s", tables);
        assertThat(costs.get("items")).isCloseTo(1.5, within(1e-9));
        assertThat(costs.get("bids")).isCloseTo(0.9, within(1e-9));
        // One table swapped alone (the other skipped) says nothing about the split; logs without swaps neither.
        assertThat(Calibration.rowCostsOf("1000000 rows converted in 9.10 s (109890 rows/s), online,"
                + " swaps: BIDS 1000000 rows at 9.00 s, skipped [ITEMS]", tables)).isEmpty();
        assertThat(Calibration.rowCostsOf("1200000 rows converted in 12.10 s (99174 rows/s), online", tables)).isEmpty();

        Experiment bidding = ExperimentLoader.load(Path.of("configs/paper/sim-vs-real.yaml"));
        Calibration c = Calibration.of(bidding, List.of(
                new RunLogs("rolling", 0, List.of(step(StepKind.CONVERT_DATA, "production", "db-1", 12.1, "ok",
                        "1200000 rows converted in 12.10 s (99174 rows/s), online, swaps: ITEMS 200000 rows at 3.00 s;"
                                + " BIDS 1000000 rows at 12.00 s")), List.of(), Map.of()),
                new RunLogs("in-place", 0, List.of(step(StepKind.CONVERT_DATA, "production", "db-1", 8.1, "ok",
                        "1200000 rows converted in 8.10 s (148148 rows/s), offline, swaps: ITEMS 200000 rows at 2.40 s;"
                                + " BIDS 1000000 rows at 8.00 s")), List.of(), Map.of())));
        // Averaged over the conversions: items (1.5 + 1.8) / 2, bids (0.9 + 0.84) / 2.
        assertThat(c.rowCosts().get("items").mean()).isCloseTo(1.65, within(1e-9));
        assertThat(c.rowCosts().get("bids").mean()).isCloseTo(0.87, within(1e-9));
        var schema = c.apply(bidding).upgrade().schema().orElseThrow();
        assertThat(schema.tables().get(0).rowCost()).isCloseTo(1.65, within(1e-9));
        assertThat(schema.tables().get(1).rowCost()).isCloseTo(0.87, within(1e-9));
        assertThat(c.rows()).anySatisfy(r -> assertThat(r.getFirst()).startsWith("schema.tables.items.rowCost"));
    }

    @Test
    void aRollbackNamingItsTablesWeighsEachTablesRowsByItsRowCost() {
        Experiment bidding = ExperimentLoader.load(Path.of("configs/paper/sim-vs-real.yaml"));
        // The configured costs, ITEMS 1.38 and BIDS 0.92 (no conversion in these logs measures them):
        // a whole rollback of 1.2M rows in 8 s is 1.196M weighted rows; one after a skipped ITEMS step,
        // BIDS alone, 1M rows in 6 s, is 0.92M.
        Calibration c = Calibration.of(bidding, List.of(new RunLogs("in-place-type4", 0, List.of(
                step(StepKind.ROLLBACK, "production", "db-1", 8.0, "ok",
                        "rolled back to v1 (1200000 rows converted back to v1 [ITEMS 200000, BIDS 1000000]): in production"),
                step(StepKind.ROLLBACK, "production", "db-1", 6.0, "ok",
                        "rolled back to v1 (1000000 rows converted back to v1 [BIDS 1000000]): in production")),
                List.of(), Map.of())));
        assertThat(c.rollbackRate().getAsDouble()).isCloseTo((1_196_000 + 920_000) / 14.0, within(1e-6));
        // Logs from before the executor named the tables count their rows as they are.
        Calibration old = Calibration.of(bidding, List.of(new RunLogs("in-place-type4", 0, List.of(
                step(StepKind.ROLLBACK, "production", "db-1", 8.0, "ok",
                        "rolled back to v1 (1200000 rows converted back to v1): in production")), List.of(), Map.of())));
        assertThat(old.rollbackRate().getAsDouble()).isCloseTo(150_000, within(1e-6));
    }

    @Test
    void eachRequestTypesCostIsItsMeanLatencyBeforeTheUpgradeOverAllRequests() {
        Experiment bidding = ExperimentLoader.load(Path.of("configs/paper/sim-vs-real.yaml"));
        Map<String, List<Double>> byKind = Map.of("list-items", List.of(0.030, 0.050), "view-item", List.of(0.005, 0.007),
                "confirm-bid", List.of(0.010), "health", List.of(0.002, 0.004));
        List<Double> all = byKind.values().stream().flatMap(List::stream).toList();
        double mean = all.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        Calibration c = Calibration.of(bidding, List.of(new RunLogs("rolling", 0, List.of(), byKind, Map.of(), Map.of(), List.of())));
        assertThat(c.serviceTimeS().orElseThrow().mean()).isCloseTo(mean, within(1e-12));

        var w = c.apply(bidding).workload();
        var cost = w.mix().stream().collect(java.util.stream.Collectors.toMap(t -> t.name(), t -> t.cost()));
        assertThat(cost.get("list-items")).isCloseTo(0.040 / mean, within(1e-9));
        assertThat(cost.get("view-item")).isCloseTo(0.006 / mean, within(1e-9));
        // Types the logs do not show keep their configured cost; the callback's is the executor's confirm-bid.
        assertThat(cost.get("place-bid")).isEqualTo(bidding.workload().mix().stream()
                .filter(t -> t.name().equals("place-bid")).findFirst().orElseThrow().cost());
        assertThat(w.async().cost()).isCloseTo(0.010 / mean, within(1e-9));
        assertThat(c.rows()).anySatisfy(r -> assertThat(r.getFirst()).startsWith("workload.mix.list-items.cost"));

        // The spread is taken within each type (a kind the workload does not name is one more group):
        // the costs already make the difference between types.
        double l = Math.log(0.050 / 0.030) / 2, v = Math.log(0.007 / 0.005) / 2, h = Math.log(0.004 / 0.002) / 2;
        assertThat(c.latencyLogSd().getAsDouble()).isCloseTo(Math.sqrt(2 * (l * l + v * v + h * h) / (7 - 4)), within(1e-12));
    }

    @Test
    void aStartedNodesWarmUpIsItsAnswersOverTheirTypesBaselineStageByStage() {
        Experiment bidding = ExperimentLoader.load(Path.of("configs/paper/sim-vs-real.yaml"));
        List<RunLogs.Warming> warming = new java.util.ArrayList<>();
        for (int i = 0; i < RequestLatencies.MIN_PER_STAGE; i++) {
            warming.add(new RunLogs.Warming(0.1, "view-item", 0.030));      // 3 times view-item's 0.010
            warming.add(new RunLogs.Warming(0.3, i % 2 == 0 ? "view-item" : "list-items", i % 2 == 0 ? 0.010 : 0.080));
        }
        // Too few answers 0.5-1 s after a start to measure: the warm-up ends before that stage, even
        // though a later one has enough.
        warming.add(new RunLogs.Warming(0.7, "view-item", 0.050));
        for (int i = 0; i < RequestLatencies.MIN_PER_STAGE; i++) {
            warming.add(new RunLogs.Warming(1.5, "view-item", 0.020));
        }
        Map<String, List<Double>> byKind = Map.of("view-item", List.of(0.008, 0.012), "list-items", List.of(0.040));
        Calibration c = Calibration.of(bidding, List.of(new RunLogs("rolling", 0, List.of(), byKind, Map.of(), Map.of(), warming)));
        assertThat(c.warmup()).extracting(Calibration.Stage::untilS).containsExactly(0.25, 0.5);
        assertThat(c.warmup().get(0).factor().mean()).isCloseTo(3.0, within(1e-9));
        assertThat(c.warmup().get(1).factor().mean()).isCloseTo((1.0 + 2.0) / 2, within(1e-9));

        var app = c.apply(bidding).topology().tiers().stream().filter(t -> t.name().equals("app")).findFirst().orElseThrow();
        assertThat(app.warmup()).extracting(imago.model.topology.WarmupStage::untilS).containsExactly(0.25, 0.5);
        assertThat(app.warmup().get(0).factor()).isCloseTo(3.0, within(1e-9));
        assertThat(c.apply(bidding).topology().tiers().stream().filter(t -> !t.name().equals("app")))
                .allSatisfy(t -> assertThat(t.warmup()).isEmpty());
    }

    @Test
    void aNodesWarmingAnswersAreThoseAfterItsStartOutsideDataSteps() {
        var requests = tech.tablesaw.api.Table.create("requests",
                tech.tablesaw.api.StringColumn.create("node", "production/app-1", "production/app-1", "production/app-1",
                        "production/app-1", "production/app-1", "production/app-2", "production/app-1"),
                tech.tablesaw.api.DoubleColumn.create("send_s", 4.0, 5.1, 7.0, 9.5, 11.0, 11.0, 11.5),
                tech.tablesaw.api.IntColumn.create("status", 200, 200, 200, 200, 200, 200, 503),
                tech.tablesaw.api.StringColumn.create("kind", "view-item", "view-item", "view-item", "view-item",
                        "list-items", "view-item", "view-item"),
                tech.tablesaw.api.DoubleColumn.create("latency_ms", 5.0, 30.0, 40.0, 50.0, 60.0, 7.0, 1.0));
        List<RunLogs.StepRow> steps = List.of(
                step(StepKind.START, "production", "app-1", 0.6, "ok", ""),
                step(StepKind.CONVERT_DATA, "production", "db-1", 2.0, "ok", ""),
                step(StepKind.ROLLBACK, "production", "db-1", 1.0, "ok", ""));
        List<RunLogs.Span> spans = List.of(new RunLogs.Span(StepKind.START, 4.4, 5.0),
                new RunLogs.Span(StepKind.CONVERT_DATA, 6.0, 8.0), new RunLogs.Span(StepKind.ROLLBACK, 9.0, 10.0));
        // Before its Start's end, during the conversion or the database's rollback, on a node never
        // restarted, or failed: none of those; app-1's answers at 5.1 s and 11 s are.
        assertThat(RunLogs.warming(requests, steps, spans)).containsExactly(
                new RunLogs.Warming(5.1 - 5.0, "view-item", 0.030), new RunLogs.Warming(11.0 - 5.0, "list-items", 0.060));
    }

    @Test
    void aDatabasesStartIsNotANodesStart() {
        // The parallel universe's database server runs from its Provision: its Start, in the same
        // group as the nodes', takes no time and would halve their mean.
        Calibration c = Calibration.of(e, List.of(new RunLogs("blue-green", 0, List.of(
                step(StepKind.START, "parallel", "app-1 app-2", 0.64, "ok", "started [app-1, app-2]"),
                step(StepKind.START, "parallel", "db-1", 0.0, "ok", "started []")), List.of(), Map.of())));
        assertThat(c.steps().get(StepKind.START).n()).isEqualTo(1);
        assertThat(c.steps().get(StepKind.START).mean()).isEqualTo(0.64);
    }

    @Test
    void aRetireOfNodesAStopStoppedIsNotMeasured() {
        // A surging rollout's old nodes are stopped, then retired at once: no time of a Retire.
        Calibration c = Calibration.of(e, List.of(new RunLogs("rolling", 0, List.of(
                step(StepKind.STOP, "production", "app-1 app-2", 0.7, "ok", ""),
                step(StepKind.RETIRE, "production", "app-1", 0.001, "ok", "retired [app-1]")), List.of(), Map.of())));
        assertThat(c.steps()).doesNotContainKey(StepKind.RETIRE);
        // Retiring a universe that still runs takes its time.
        Calibration running = Calibration.of(e, List.of(new RunLogs("blue-green", 0, List.of(
                step(StepKind.STOP, "production", "app-1", 0.3, "ok", ""),
                step(StepKind.RETIRE, "production", "app-1 app-2", 2.5, "ok", "retired production [app-1, app-2]")),
                List.of(), Map.of())));
        assertThat(running.steps().get(StepKind.RETIRE).mean()).isEqualTo(2.5);
    }
}
