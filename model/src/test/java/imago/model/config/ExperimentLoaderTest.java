package imago.model.config;

import imago.model.experiment.ExecutorSettings;
import imago.model.experiment.Experiment;
import imago.model.fault.FaultInjection;
import imago.model.health.MonitorRule;
import imago.model.strategy.Strategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

public class ExperimentLoaderTest {

    static final Path EXAMPLE = Path.of("../experiments/configs/three-tier.yaml");

    /** A small valid config; each bad-input case changes one thing in it. */
    public static final String VALID = """
            name: small
            seed: 7
            replications: 3
            system:
              tiers:
                - {name: ingress, kind: ingress, replicas: 1}
                - name: web
                  replicas: 2
                - {name: app, replicas: 3}
                - {name: db, kind: database, replicas: 1}
              dependencies:
                - {from: web, to: app, kind: service-location}
                - {from: app, to: db, kind: schema}
            workload:
              arrivals: {rate: 50}
            upgrade:
              tiers: [web, app]
              schema: {rows: 1000, conversionRate: 100}
            scenarios:
              - {name: rolling, strategy: {kind: rolling, maxUnavailable: 1}}
              - {name: imago, strategy: imago}
            """;

    @Test
    void loadsTheExample() {
        Experiment e = ExperimentLoader.load(EXAMPLE);
        assertThat(e.name()).isEqualTo("three-tier");
        assertThat(e.topology().tiers()).extracting(t -> t.name() + "x" + t.replicas())
                .containsExactly("ingressx1", "webx2", "appx4", "dbx1");
        assertThat(e.upgrade().schema()).hasValueSatisfying(s -> {
            assertThat(s.rows()).isEqualTo(1_000_000);
            assertThat(s.compatible()).isFalse();
        });
        assertThat(e.scenarios()).extracting(s -> s.name())
                .containsExactly("in-place", "rolling", "blue-green", "imago", "dependency-ordered");
        assertThat(e.scenarios().get(1).strategy()).isEqualTo(new Strategy.Rolling(1, 0, 10, 0, false));
        assertThat(e.scenarios().get(4).strategy()).isEqualTo(new Strategy.DependencyOrdered(new Strategy.Rolling(1, 0, 10, 0, false)));
    }

    @Test
    void loadsTheSmallConfig() {
        Experiment e = ExperimentLoader.parse("small.yaml", VALID);
        assertThat(e.replications()).isEqualTo(3);
        assertThat(e.seed()).isEqualTo(7);
    }

    @Test
    void readsGivenFaultsAndTheExecutorSection() {
        Experiment e = ExperimentLoader.parse("small.yaml", VALID
                .replace("seed: 7", "seed: 7\nexecutor: {data: {users: 10, items: 20, bids: 30}, timeScale: 0.5}")
                .replace("strategy: imago}", "strategy: imago, fault: [{type: 1, step: Configure, target: app-2, universe: parallel},"
                        + " {type: 4, step: ConvertData, target: db-1}]}")
                .replace("maxUnavailable: 1}}", "maxUnavailable: 1}, fault: {type: 3, step: Start, target: app-2}}"));
        assertThat(e.executor()).isEqualTo(new ExecutorSettings("bidding", 10, 20, 30, "h2", 0.5));
        assertThat(e.scenarios().get(0).injected()).containsExactly(FaultInjection.of(3, "Start", "app-2"));
        assertThat(e.scenarios().get(1).injected()).extracting(f -> f.type().number() + "@" + f.step().configName()
                + f.universe().map(u -> "/" + u.configName()).orElse("")).containsExactly("1@Configure/parallel", "4@ConvertData");
        assertThat(ExperimentLoader.parse("small.yaml", VALID).executor()).isEqualTo(ExecutorSettings.defaults());
    }

    @Test
    void parallelAndOfflineRatesApplyToTheirConversionsOnly() {
        Experiment e = ExperimentLoader.parse("small.yaml", VALID.replace("conversionRate: 100}",
                "conversionRate: 100, parallelRate: 25, offlineRate: 400}"));
        var schema = e.upgrade().schema().orElseThrow();
        assertThat(schema.rate(imago.model.plan.Universe.PRODUCTION, true)).isEqualTo(100);
        assertThat(schema.rate(imago.model.plan.Universe.PRODUCTION, false)).isEqualTo(400);
        assertThat(schema.rate(imago.model.plan.Universe.PARALLEL, false)).isEqualTo(25);
        var plan = new imago.model.plan.PlanCompiler(e.topology(), e.workload(), e.upgrade())
                .compile("imago", e.scenario("imago").orElseThrow().strategy());
        assertThat(plan.steps()).filteredOn(ps -> ps.step() instanceof imago.model.plan.Step.ConvertData)
                .singleElement().satisfies(ps -> assertThat(ps.step().expectedSeconds()).isEqualTo(1000 / 25.0));
        assertThat(ExperimentLoader.parse("small.yaml", VALID).upgrade().schema().orElseThrow()
                .rate(imago.model.plan.Universe.PARALLEL, true)).isEqualTo(100);
    }

    @Test
    void readsTheTablesOfTheSchemaAndOfEachRequestType() {
        Experiment e = ExperimentLoader.load(Path.of("../experiments/configs/bidding.yaml"));
        var schema = e.upgrade().schema().orElseThrow();
        assertThat(schema.tableNames()).containsExactly("items", "bids");
        assertThat(schema.rows()).isEqualTo(1_200_000);
        var mix = e.workload().mix();
        assertThat(mix).extracting(t -> t.tables().orElseThrow()).containsExactly(
                java.util.List.of("items", "bids"), java.util.List.of("items"), java.util.List.of(), java.util.List.of("bids"));
        // rows alone is one table, and a request type without tables depends on it
        var one = ExperimentLoader.parse("small.yaml", VALID);
        assertThat(one.upgrade().schema().orElseThrow().tables()).singleElement()
                .isEqualTo(new imago.model.upgrade.SchemaChange.Table(imago.model.upgrade.SchemaChange.ONE_TABLE, 1000));
        assertThat(one.workload().mix()).allSatisfy(t -> assertThat(t.tables()).isEmpty());
        // rows given beside the tables is fine when it is their sum
        var both = ExperimentLoader.parse("small.yaml", VALID.replace("schema: {rows: 1000, conversionRate: 100}",
                "schema: {rows: 1000, conversionRate: 100, tables: [{name: a, rows: 400}, {name: b, rows: 600}]}"));
        assertThat(both.upgrade().schema().orElseThrow().rows()).isEqualTo(1000);
        // a table's row cost defaults to 1, and splits the conversion's time by rows x cost
        assertThat(both.upgrade().schema().orElseThrow().swapShares()).containsExactly(0.4, 1.0);
        var costed = ExperimentLoader.parse("small.yaml", VALID.replace("schema: {rows: 1000, conversionRate: 100}",
                "schema: {conversionRate: 100, tables: [{name: a, rows: 400, rowCost: 2.5}, {name: b, rows: 600}]}"));
        assertThat(costed.upgrade().schema().orElseThrow().tables()).extracting(imago.model.upgrade.SchemaChange.Table::rowCost)
                .containsExactly(2.5, 1.0);
        assertThat(costed.upgrade().schema().orElseThrow().swapShares()[0]).isCloseTo(1000.0 / 1600, within(1e-12));
        // a sweep's rescaling keeps the costs
        assertThat(costed.upgrade().schema().orElseThrow().with(5000, 10).tables())
                .extracting(imago.model.upgrade.SchemaChange.Table::rowCost).containsExactly(2.5, 1.0);
    }

    @Test
    void aSweptRowCountKeepsEachTablesShare() {
        var s = new imago.model.upgrade.SchemaChange("db", false, java.util.List.of(
                new imago.model.upgrade.SchemaChange.Table("items", 200), new imago.model.upgrade.SchemaChange.Table("bids", 1000)),
                100, java.util.OptionalDouble.empty(), java.util.OptionalDouble.empty());
        var scaled = s.with(12_001, 50);
        assertThat(scaled.rows()).isEqualTo(12_001);
        assertThat(scaled.tables()).extracting(imago.model.upgrade.SchemaChange.Table::rows).containsExactly(2000L, 10_001L);
    }

    record Case(String what, String from, String to, String expected) {
        @Override
        public String toString() {
            return what;
        }
    }

    static Stream<Case> badInputs() {
        return Stream.of(
                new Case("unknown field", "  arrivals: {rate: 50}", "  arrivals: {rate: 50, burst: 3}",
                        "small.yaml:15:24: workload.arrivals.burst: unknown field (expected one of profile, rate)"),
                new Case("unknown top-level field", "seed: 7", "seed: 7\nreplicatons: 4",
                        "small.yaml:3:1: replicatons: unknown field"),
                new Case("wrong type", "replications: 3", "replications: many",
                        "small.yaml:3:15: replications: must be a number (was a string 'many')"),
                new Case("zero count", "    - name: web\n      replicas: 2", "    - name: web\n      replicas: 0",
                        "small.yaml:8:17: system.tiers[1].replicas: must be >= 1 (was 0)"),
                new Case("negative count", "replications: 3", "replications: -3",
                        "small.yaml:3:15: replications: must be >= 1 (was -3)"),
                new Case("negative rate", "{rate: 50}", "{rate: -5}",
                        "small.yaml:15:20: workload.arrivals.rate: must be > 0 (was -5)"),
                new Case("dependency on a missing node", "{from: app, to: db, kind: schema}", "{from: app, to: db-9, kind: schema}",
                        "small.yaml:13:23: system.dependencies[1].to: no tier or node named 'db-9'"),
                new Case("dependency cycle", "    - {from: app, to: db, kind: schema}",
                        "    - {from: app, to: db, kind: schema}\n    - {from: db, to: web, kind: data}",
                        "small.yaml:14:7: system.dependencies[2]: dependency cycle: web -> app -> db -> web"),
                new Case("shared processors not a boolean", "  dependencies:\n", "  sharedProcessors: one-machine\n  dependencies:\n",
                        "small.yaml:11:21: system.sharedProcessors: must be true or false (was a string)"),
                new Case("unknown dependency kind", "kind: schema}", "kind: scheme}",
                        "small.yaml:13:33: system.dependencies[1].kind: unknown value 'scheme' (expected one of service-location, config-semantics, library, port, runtime, schema, data)"),
                new Case("knob string without %", "maxUnavailable: 1}", "maxUnavailable: \"25\"}",
                        "small.yaml:20:63: scenarios[0].strategy.maxUnavailable: a string must be a percentage such as \"25%\" (was \"25\"; write a count without quotes)"),
                new Case("warm-up stages out of order", "{name: app, replicas: 3}",
                        "{name: app, replicas: 3, warmup: [{until: 1, factor: 2}, {until: 0.5, factor: 1.2}]}",
                        "small.yaml:9:64: system.tiers[2].warmup[1].until: must be greater than the stage before's (1, was 0.5)"),
                new Case("warm-up factor 0", "{name: app, replicas: 3}", "{name: app, replicas: 3, warmup: [{until: 1, factor: 0}]}",
                        "small.yaml:9:60: system.tiers[2].warmup[0].factor: must be > 0 (was 0)"),
                new Case("explicit 0/0", "maxUnavailable: 1}", "maxUnavailable: 0, maxSurge: 0}",
                        "small.yaml:20:63: scenarios[0].strategy.maxUnavailable: maxUnavailable may not be 0 when maxSurge is 0 (no node could ever be replaced) for tier web"),
                new Case("maxUnavailable over 100%", "maxUnavailable: 1}", "maxUnavailable: \"110%\"}",
                        "small.yaml:20:63: scenarios[0].strategy.maxUnavailable: maxUnavailable must not be greater than 100% (was 110%) for tier web"),
                new Case("percentage not whole", "maxUnavailable: 1}", "maxUnavailable: \"2.5%\"}",
                        "small.yaml:20:63: scenarios[0].strategy.maxUnavailable: a percentage must be a whole number followed by % (was \"2.5%\")"),
                new Case("negative knob", "maxUnavailable: 1}", "maxUnavailable: 1, maxSurge: -1}",
                        "small.yaml:20:76: scenarios[0].strategy.maxSurge: must not be negative (was -1)"),
                new Case("knob for a tier not upgraded", "maxUnavailable: 1}", "maxUnavailable: 1, maxSurge: {db: 1}}",
                        "small.yaml:20:77: scenarios[0].strategy.maxSurge.db: not an upgraded tier (expected one of web, app)"),
                new Case("0/0 for one tier of a mapping", "maxUnavailable: 1}", "maxUnavailable: {web: 0, app: 1}, maxSurge: 0}",
                        "small.yaml:20:69: scenarios[0].strategy.maxUnavailable.web: maxUnavailable may not be 0 when maxSurge is 0 (no node could ever be replaced) for tier web"),
                new Case("knob neither count nor percentage", "maxUnavailable: 1}", "maxUnavailable: [1]}",
                        "small.yaml:20:63: scenarios[0].strategy.maxUnavailable: must be a number (was a list)"),
                new Case("progress deadline 0", "maxUnavailable: 1}", "maxUnavailable: 1, progressDeadline: 0}",
                        "small.yaml:20:84: scenarios[0].strategy.progressDeadline: must be > 0 (was 0)"),
                new Case("dependency-ordered knobs checked as rolling's", "{kind: rolling, maxUnavailable: 1}",
                        "{kind: dependency-ordered, maxUnavailable: \"25\"}", "small.yaml:20:74: scenarios[0].strategy.maxUnavailable: a string must be a percentage such as \"25%\" (was \"25\"; write a count without quotes)"),
                new Case("empty scenario list", VALID.substring(VALID.indexOf("scenarios:")), "scenarios: []\n",
                        "small.yaml:19:12: scenarios: must list at least one scenario"),
                new Case("missing scenarios", VALID.substring(VALID.indexOf("scenarios:")), "",
                        "small.yaml:1:1: scenarios: required field is missing"),
                new Case("duplicate scenario", "{name: imago, strategy: imago}", "{name: rolling, strategy: imago}",
                        "small.yaml:21:5: scenarios[1].name: duplicate scenario name 'rolling'"),
                new Case("unknown strategy", "strategy: imago}", "strategy: canery}",
                        "small.yaml:21:29: scenarios[1].strategy: unknown strategy 'canery' (expected in-place, rolling, dependency-ordered, blue-green, imago or canary)"),
                new Case("coverage out of range", "strategy: imago}", "strategy: {kind: imago, testCoverage: 1.5}}",
                        "small.yaml:21:57: scenarios[1].strategy.testCoverage: must be in [0, 1] (was 1.5)"),
                new Case("upgrading a missing tier", "tiers: [web, app]", "tiers: [web, cache]",
                        "small.yaml:17:16: upgrade.tiers[1]: no tier named 'cache'"),
                new Case("YAML syntax error", "  arrivals: {rate: 50}", "  arrivals: {rate: 50",
                        "small.yaml:16:8: YAML syntax error: while parsing a flow mapping"),
                new Case("duplicate key", "seed: 7", "seed: 7\nseed: 8",
                        "small.yaml:3:1: seed: duplicate key (first at line 2)"),
                new Case("fault on a node the plan never touches", "strategy: imago}", "strategy: imago, fault: {type: 3, step: Start, target: app-7}}",
                        "small.yaml:21:74: scenarios[1].fault.target: no Start step of this scenario's plan acts on app-7 (its Start steps act on app-1, app-2, app-3, db-1, web-1, web-2)"),
                new Case("fault of an unknown type", "strategy: imago}", "strategy: imago, fault: {type: 5, step: Start, target: app-1}}",
                        "small.yaml:21:50: scenarios[1].fault.type: fault types are numbered 1..4 (was 5)"),
                new Case("fault at an unknown step", "strategy: imago}", "strategy: imago, fault: {type: 1, step: Boot, target: app-1}}",
                        "small.yaml:21:59: scenarios[1].fault.step: unknown step kind 'Boot'"),
                new Case("config fault at a data step", "strategy: imago}", "strategy: imago, fault: [{type: 1, step: ConvertData, target: db-1}]}",
                        "small.yaml:21:44: scenarios[1].fault[0]: a type 1 fault is injected at Provision, Install, Configure or Start (was ConvertData)"),
                new Case("fault target with a shell command", "strategy: imago}", "strategy: imago, fault: {type: 2, step: Start, target: 'app-1; reboot'}}",
                        "small.yaml:21:43: scenarios[1].fault: fault target must be a node name such as app-2 (was 'app-1; reboot')"),
                new Case("fault in a universe the step is not in", "strategy: {kind: rolling, maxUnavailable: 1}}",
                        "strategy: {kind: rolling, maxUnavailable: 1}, fault: {type: 1, step: Configure, target: app-1, universe: parallel}}",
                        "small.yaml:20:109: scenarios[0].fault.target: no Configure step of this scenario's plan acts on app-1 in the parallel universe"),
                new Case("executor system outside the project", "seed: 7", "seed: 7\nexecutor: {system: ../../bin/sh}",
                        "small.yaml:3:20: executor.system: unknown system '../../bin/sh': the executor runs only the project's own system descriptors (bidding), never a path or a program"),
                new Case("executor database unknown", "seed: 7", "seed: 7\nexecutor: {database: mysql}",
                        "small.yaml:3:22: executor.database: unknown database 'mysql' (expected h2 or postgresql)"),
                new Case("executor data field unknown", "seed: 7", "seed: 7\nexecutor: {data: {users: 10, orders: 5}}",
                        "small.yaml:3:30: executor.data.orders: unknown field"),
                new Case("name an absolute path", "name: small", "name: /tmp/x",
                        "small.yaml:1:7: name: must be a folder name of letters, digits, '-', '_' and '.', starting with a letter or digit (was '/tmp/x')"),
                new Case("name climbing out of --out", "name: small", "name: ../../../x",
                        "small.yaml:1:7: name: must be a folder name"),
                new Case("name empty", "name: small", "name: \"\"", "small.yaml:1:7: name: must be a folder name"),
                new Case("name the folder itself", "name: small", "name: \".\"", "small.yaml:1:7: name: must be a folder name"),
                new Case("name too long", "name: small", "name: " + "x".repeat(101),
                        "small.yaml:1:7: name: is longer than 100 characters (101)"),
                new Case("seed beyond a long", "seed: 7", "seed: 1180591620717411303424",
                        "small.yaml:2:7: seed: out of range: must be a whole number from -9223372036854775808 to 9223372036854775807 (was 1180591620717411303424)"),
                new Case("monitor threshold of 0", "seed: 7", "seed: 7\nmonitor: {threshold: 0}",
                        "small.yaml:3:22: monitor.threshold: must be in (0, 1]: a share of the requests a node served (was 0)"),
                new Case("monitor threshold over 1", "seed: 7", "seed: 7\nmonitor: {threshold: 1.5}",
                        "small.yaml:3:22: monitor.threshold: must be in (0, 1]: a share of the requests a node served (was 1.5)"),
                new Case("monitor window of 0", "seed: 7", "seed: 7\nmonitor: {window: 0}",
                        "small.yaml:3:19: monitor.window: must be > 0 (was 0)"),
                new Case("monitor interval negative", "seed: 7", "seed: 7\nmonitor: {interval: -1}",
                        "small.yaml:3:21: monitor.interval: must be > 0 (was -1)"),
                new Case("monitor consecutive of 0", "seed: 7", "seed: 7\nmonitor: {consecutive: 0}",
                        "small.yaml:3:24: monitor.consecutive: must be >= 1 (was 0)"),
                new Case("monitor minFailures of 0", "seed: 7", "seed: 7\nmonitor: {minFailures: 0}",
                        "small.yaml:3:24: monitor.minFailures: must be >= 1 (was 0)"),
                new Case("monitor field unknown", "seed: 7", "seed: 7\nmonitor: {ratio: 0.2}",
                        "small.yaml:3:11: monitor.ratio: unknown field (expected one of interval, window, minFailures, threshold, consecutive)"),
                new Case("relative precision of 200%", "seed: 7", "seed: 7\nprecision: {relative: 2}",
                        "small.yaml:3:23: precision.relative: must be in (0, 1): a relative CI half-width, e.g. 0.05 (was 2)"),
                new Case("request type naming an unknown table", "  arrivals: {rate: 50}\n",
                        "  arrivals: {rate: 50}\n  mix: [{name: view, tables: [orders]}]\n",
                        "small.yaml:16:31: workload.mix[0].tables[0]: no table named 'orders' in upgrade.schema.tables (expected one of data)"),
                new Case("callbacks from an unknown request type", "  arrivals: {rate: 50}\n",
                        "  arrivals: {rate: 50}\n  mix: [{name: view}]\n  async: {fraction: 0.2, interface: v, from: [viwe]}\n",
                        "small.yaml:17:47: workload.async.from[0]: no request type named 'viwe' in workload.mix"),
                new Case("callbacks using an unknown table", "  arrivals: {rate: 50}\n",
                        "  arrivals: {rate: 50}\n  async: {fraction: 0.2, interface: v, tables: [orders]}\n",
                        "small.yaml:16:49: workload.async.tables[0]: no table named 'orders' in upgrade.schema.tables (expected one of data)"),
                new Case("a faulty start time for an unknown fault type", "schema: {rows: 1000, conversionRate: 100}",
                        "schema: {rows: 1000, conversionRate: 100}\n  faultyStartTimes: {7: {dist: constant, value: 3}}",
                        "small.yaml:19:22: upgrade.faultyStartTimes.7: fault types are numbered 1..4 (was '7')"),
                new Case("a faulty start time that is no distribution", "schema: {rows: 1000, conversionRate: 100}",
                        "schema: {rows: 1000, conversionRate: 100}\n  faultyStartTimes: {1: {dist: constant, value: -3}}",
                        "small.yaml:19:49: upgrade.faultyStartTimes.1.value: must be >= 0 and finite (was -3.0)"),
                new Case("a rollback rate of 0", "schema: {rows: 1000, conversionRate: 100}",
                        "schema: {rows: 1000, conversionRate: 100, rollbackRate: 0}",
                        "small.yaml:18:59: upgrade.schema.rollbackRate: must be > 0 (was 0)"),
                new Case("a negative export rate", "schema: {rows: 1000, conversionRate: 100}",
                        "schema: {rows: 1000, conversionRate: 100, exportRate: -5}",
                        "small.yaml:18:57: upgrade.schema.exportRate: must be > 0 (was -5)"),
                new Case("rows that are not the tables' sum", "schema: {rows: 1000, conversionRate: 100}",
                        "schema: {rows: 1000, conversionRate: 100, tables: [{name: items, rows: 400}, {name: bids, rows: 500}]}",
                        "small.yaml:18:18: upgrade.schema.rows: must equal the tables' rows, 900 (was 1000)"),
                new Case("table without rows", "schema: {rows: 1000, conversionRate: 100}",
                        "schema: {conversionRate: 100, tables: [{name: items, rows: 0}]}",
                        "small.yaml:18:62: upgrade.schema.tables[0].rows: must be >= 1 (was 0)"),
                new Case("no tables", "schema: {rows: 1000, conversionRate: 100}", "schema: {conversionRate: 100, tables: []}",
                        "small.yaml:18:41: upgrade.schema.tables: must list at least one table"),
                new Case("a row cost of 0", "schema: {rows: 1000, conversionRate: 100}",
                        "schema: {conversionRate: 100, tables: [{name: items, rows: 5, rowCost: 0}]}",
                        "small.yaml:18:74: upgrade.schema.tables[0].rowCost: must be > 0 (was 0)"),
                new Case("table listed twice", "schema: {rows: 1000, conversionRate: 100}",
                        "schema: {conversionRate: 100, tables: [{name: items, rows: 5}, {name: items, rows: 7}]}",
                        "small.yaml:18:73: upgrade.schema.tables[1].name: table 'items' listed twice"),
                new Case("alias read as its anchor's name", "{name: rolling, strategy: {kind: rolling, maxUnavailable: 1}}",
                        "{name: &n rolling, strategy: {kind: rolling, maxUnavailable: 1}}\n  - {name: *n, strategy: in-place}",
                        "small.yaml:21:12: YAML aliases (*n) are not supported; write the value out in full"));
    }

    @Test
    void readsSharedProcessorsAndDefaultsToProcessorsOfTheirOwn() {
        assertThat(ExperimentLoader.parse("small.yaml", VALID).topology().sharedProcessors()).isFalse();
        Experiment shared = ExperimentLoader.parse("small.yaml", VALID.replace("  dependencies:\n",
                "  sharedProcessors: true\n  dependencies:\n"));
        assertThat(shared.topology().sharedProcessors()).isTrue();
        // A processor setting, not a host one: the tiers' hosts stay their own.
        assertThat(shared.topology().nodes()).isEqualTo(ExperimentLoader.parse("small.yaml", VALID).topology().nodes());
    }

    @Test
    void readsTheMonitorSectionAndDefaultsWithoutIt() {
        assertThat(ExperimentLoader.parse("small.yaml", VALID).monitor()).isEqualTo(MonitorRule.defaults());
        Experiment e = ExperimentLoader.parse("small.yaml", VALID.replace("seed: 7",
                "seed: 7\nmonitor: {interval: 1, window: 4, minFailures: 2, threshold: 0.2, consecutive: 2}"));
        assertThat(e.monitor()).isEqualTo(new MonitorRule(4, 1, 2, 0.2, 2));
        Experiment partial = ExperimentLoader.parse("small.yaml", VALID.replace("seed: 7", "seed: 7\nmonitor: {threshold: 1}"));
        assertThat(partial.monitor()).isEqualTo(new MonitorRule(2, 0.5, 5, 1, 3));
    }

    @ParameterizedTest
    @MethodSource("badInputs")
    void rejectsBadInputWithALocatedOneLineError(Case c) {
        assertThat(VALID).contains(c.from());
        String yaml = VALID.replace(c.from(), c.to());
        assertThatThrownBy(() -> ExperimentLoader.parse("small.yaml", yaml))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(c.expected())
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void rejectsAMissingFile(@TempDir Path dir) {
        Path missing = dir.resolve("nope.yaml");
        assertThatThrownBy(() -> ExperimentLoader.load(missing))
                .isInstanceOf(ConfigException.class).hasMessage(missing + ": no such file");
    }

    @Test
    void rejectsADirectory(@TempDir Path dir) {
        assertThatThrownBy(() -> ExperimentLoader.load(dir))
                .isInstanceOf(ConfigException.class).hasMessage(dir + ": is a directory, not a config file");
    }

    @Test
    void rejectsAnEmptyFile(@TempDir Path dir) throws IOException {
        Path empty = Files.writeString(dir.resolve("empty.yaml"), "\n  \n");
        assertThatThrownBy(() -> ExperimentLoader.load(empty))
                .isInstanceOf(ConfigException.class).hasMessage(empty + ":1:1: empty file");
    }

    @Test
    void rejectsAFileOfOnlyComments(@TempDir Path dir) throws IOException {
        Path f = Files.writeString(dir.resolve("c.yaml"), "# nothing here\n");
        assertThatThrownBy(() -> ExperimentLoader.load(f))
                .isInstanceOf(ConfigException.class).hasMessageContaining("empty file");
    }

    @Test
    void kubernetesRollingKnobsTheApiAcceptsAreAccepted() {
        // A surge over 100% and a whole tier unavailable at once: Kubernetes' API takes both.
        Experiment e = ExperimentLoader.parse("small.yaml", VALID.replace("{kind: rolling, maxUnavailable: 1}",
                "{kind: rolling, maxSurge: \"200%\", maxUnavailable: {web: 2, app: \"100%\"}, progressDeadline: 30, progressDeadlineAbort: true}"));
        Strategy.Rolling r = (Strategy.Rolling) e.scenario("rolling").orElseThrow().strategy();
        assertThat(r.fenceposts("web", 2)).isEqualTo(new imago.model.strategy.Fenceposts(4, 2));
        assertThat(r.fenceposts("app", 3)).isEqualTo(new imago.model.strategy.Fenceposts(6, 3));
        assertThat(r.progressDeadlineS()).isEqualTo(30);
        assertThat(r.progressDeadlineAbort()).isTrue();
    }

    @Test
    void aSeedAsLargeAsALongIsExact() {
        assertThat(ExperimentLoader.parse("small.yaml", VALID.replace("seed: 7", "seed: 9223372036854775807")).seed())
                .isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void aNameFromABadFileNameAsksForAName(@TempDir Path dir) throws IOException {
        Path f = Files.writeString(dir.resolve("my run.yaml"), VALID.replace("name: small\n", ""));
        assertThatThrownBy(() -> ExperimentLoader.load(f)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(f + ":1:1: name: the file name is not a folder name")
                .hasMessageEndingWith("; give the experiment a name: field");
    }

    @Test
    void rejectsTextThatIsNotUtf8AtItsLineAndColumn(@TempDir Path dir) throws IOException {
        byte[] latin1 = VALID.replace("seed: 7", "seed: 7\n# caf\u00e9").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        Path f = Files.write(dir.resolve("latin1.yaml"), latin1);
        assertThatThrownBy(() -> ExperimentLoader.load(f)).isInstanceOf(ConfigException.class)
                .hasMessage(f + ":3:6: not UTF-8 text (byte 0xE9 at offset 25); save the file as UTF-8");
    }

    @Test
    void rejectsDeepNestingAtItsLineAndColumn() {
        String deep = VALID + "x: " + "[".repeat(2000) + "]".repeat(2000) + "\n";
        assertThatThrownBy(() -> ExperimentLoader.parse("deep.yaml", deep)).isInstanceOf(ConfigException.class)
                .hasMessage("deep.yaml:22:67: nested more than 64 levels deep; a config needs only a few");
    }

    @Test
    void rejectsAScalarDocument() {
        assertThatThrownBy(() -> ExperimentLoader.parse("s.yaml", "just a string\n"))
                .isInstanceOf(ConfigException.class).hasMessage("s.yaml:1:1: must be a mapping (was a string)");
    }
}
