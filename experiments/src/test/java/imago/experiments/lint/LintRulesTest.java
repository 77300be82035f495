package imago.experiments.lint;

import imago.experiments.stats.Summary;
import imago.experiments.run.FaultModels;
import imago.model.config.ExperimentLoader;
import imago.model.experiment.Experiment;
import imago.model.experiment.Scenario;
import imago.model.fault.FaultModel;
import imago.model.metrics.Outcome;
import imago.model.metrics.RunResult;
import imago.model.plan.PlanCompiler;
import imago.sim.Simulation;
import imago.sim.SimulationInput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each rule against the simulator: on a config that triggers it, lint warns and the simulator shows
 * the harm it warns about; on the nearest config that does not, lint is silent and the harm is gone
 * (or clearly smaller, the difference's confidence interval excluding 0).
 */
class LintRulesTest {

    static final int REPS = 8;

    /** A small system: web and app upgraded, app reads the database's schema, callbacks on a moved interface. */
    static String base(String schema, String scenario) {
        return """
                name: lint
                seed: 5
                window: {pre: 5, post: 20}
                system:
                  tiers:
                    - {name: ingress, kind: ingress, replicas: 1, servers: 64, serviceTime: {dist: exponential, mean: 0.001}}
                    - {name: web, kind: service, replicas: 2, servers: 8, serviceTime: {dist: exponential, mean: 0.004}, hosts: [h1, h2]}
                    - {name: app, kind: service, replicas: 2, servers: 8, serviceTime: {dist: exponential, mean: 0.008}, hosts: %HOSTS%}
                    - {name: db, kind: database, replicas: 1, servers: 16, serviceTime: {dist: exponential, mean: 0.002}}
                  dependencies:
                    - {from: web, to: app, kind: service-location}
                    - {from: app, to: db, kind: schema}
                    - {from: web, to: app, kind: library, hidden: true}
                workload:
                  arrivals: {rate: 40}
                  sessions: {requests: 4, thinkTime: {dist: exponential, mean: 1}}
                  mix:
                    - {name: read, weight: 0.8, path: [ingress, web, app, db]}
                    - {name: write, weight: 0.2, write: true, path: [ingress, web, app, db]}
                  async: {fraction: %ASYNC%, delay: {dist: exponential, mean: 2}, interface: validation}
                upgrade:
                  tiers: [web, app]
                  schema: %SCHEMA%
                  libraries: %LIBS%
                  interfaces: [{name: validation, move: server-to-client, from: app, to: client}]
                  stepTimes: {Provision: 5, Drain: 1, Stop: 1, Install: 2, Configure: 1, Start: 2, RuntimeTest: 5, Retire: 1}
                faults: none
                scenarios:
                  - %SCENARIO%
                """.replace("%SCHEMA%", schema).replace("%SCENARIO%", scenario);
    }

    static String config(String schema, String scenario, String hosts, String libs, double async) {
        return base(schema, scenario).replace("%HOSTS%", hosts).replace("%LIBS%", libs).replace("%ASYNC%", Double.toString(async));
    }

    static final String COMPATIBLE = "{database: db, compatible: true, rows: 2000, conversionRate: 200}";
    static final String INCOMPATIBLE = "{database: db, compatible: false, rows: 2000, conversionRate: 200}";
    static final String ROLLING = "{name: s, strategy: {kind: rolling, maxUnavailable: 1, readinessDelay: 1}}";
    static final String OWN_HOSTS = "[h3, h4]";
    static final String SHARED_HOSTS = "[h1, h2]";
    static final String NO_LIBS = "[]";
    static final String GSON = "[{name: gson, from: '2.10', to: '2.13'}]";

    @TempDir
    Path tmp;

    Path write(String yaml) throws IOException {
        return write(tmp, yaml);
    }

    /** {@code yaml} in a new file of {@code dir}. */
    static Path write(Path dir, String yaml) throws IOException {
        return Files.writeString(Files.createTempFile(dir, "lint", ".yaml"), yaml);
    }

    List<String> rules(Path config) {
        return Linter.lint(config, Optional.empty()).stream().map(Finding::rule).toList();
    }

    static List<RunResult> simulate(Path config) {
        Experiment e = ExperimentLoader.load(config);
        Scenario s = e.scenarios().getFirst();
        FaultModel faults = new FaultModels(config.getParent(), FaultModel::handWritten).resolve(s.faults());
        var plan = new PlanCompiler(e.topology(), e.workload(), e.upgrade()).compile(s.name(), s.strategy());
        return IntStream.range(0, REPS).mapToObj(r -> Simulation.run(new SimulationInput(e, s, plan, faults), r)).toList();
    }

    static Summary summary(List<RunResult> rs, ToDoubleFunction<RunResult> metric) {
        return Summary.of(rs.stream().mapToDouble(metric).toArray());
    }

    /** The paired difference a - b of a metric over common random numbers, with its 95% interval. */
    static Summary difference(List<RunResult> a, List<RunResult> b, ToDoubleFunction<RunResult> metric) {
        return Summary.of(IntStream.range(0, a.size()).mapToDouble(i -> metric.applyAsDouble(a.get(i)) - metric.applyAsDouble(b.get(i))).toArray());
    }

    @Test
    void rollingIncompatibleSchema() throws IOException {
        Path bad = write(config(INCOMPATIBLE, ROLLING, OWN_HOSTS, NO_LIBS, 0));
        Path good = write(config(COMPATIBLE, ROLLING, OWN_HOSTS, NO_LIBS, 0));
        assertThat(rules(bad)).containsExactly("rolling-incompatible-schema");
        assertThat(rules(good)).isEmpty();
        // Harm: old nodes fail on converted data, unplanned; none with a compatible change.
        Summary d = difference(simulate(bad), simulate(good), RunResult::unplannedUnavailableS);
        assertThat(d.ciLow()).isGreaterThan(0);
        assertThat(summary(simulate(good), RunResult::unplannedUnavailableS).mean()).isZero();
    }

    @Test
    void syncCannotConverge() throws IOException {
        String imago = "{name: s, strategy: {kind: imago, testCoverage: 0.5, testDuration: 5}}";
        // 40 requests/s, a fifth of them writes: 8 rows/s written against 5 converted.
        Path bad = write(config("{database: db, compatible: false, rows: 2000, conversionRate: 200, parallelRate: 5}", imago, OWN_HOSTS, NO_LIBS, 0));
        Path good = write(config("{database: db, compatible: false, rows: 2000, conversionRate: 200, parallelRate: 100}", imago, OWN_HOSTS, NO_LIBS, 0));
        assertThat(rules(bad)).containsExactly("sync-cannot-converge");
        assertThat(Linter.lint(bad, Optional.empty()).getFirst().severity()).isEqualTo(Finding.Severity.ERROR);
        assertThat(rules(good)).isEmpty();
        assertThat(simulate(bad)).allMatch(r -> r.outcome() == Outcome.SYNC_NEVER_CONVERGES);
        assertThat(simulate(good)).allMatch(r -> r.outcome() == Outcome.SUCCESS);
    }

    @Test
    void raceWithoutDrain() throws IOException {
        Path bad = write(config(COMPATIBLE, "{name: s, strategy: {kind: imago, testCoverage: 0.5, testDuration: 5, drainSessions: false}}",
                OWN_HOSTS, NO_LIBS, 0.3));
        Path good = write(config(COMPATIBLE, "{name: s, strategy: {kind: imago, testCoverage: 0.5, testDuration: 5, drainSessions: true}}",
                OWN_HOSTS, NO_LIBS, 0.3));
        assertThat(rules(bad)).containsExactly("race-without-drain");
        assertThat(rules(good)).isEmpty();
        ToDoubleFunction<RunResult> races = r -> r.racesError() + r.racesSilent();
        assertThat(summary(simulate(bad), races).ciLow()).isGreaterThan(0);
        assertThat(summary(simulate(good), races).mean()).isZero();
    }

    @Test
    void sharedHostLibrary() throws IOException {
        Path bad = write(config(COMPATIBLE, ROLLING, SHARED_HOSTS, GSON, 0));
        Path good = write(config(COMPATIBLE, ROLLING, OWN_HOSTS, GSON, 0));
        assertThat(rules(bad)).containsExactly("shared-host-library");
        assertThat(rules(good)).isEmpty();
        Summary d = difference(simulate(bad), simulate(good), RunResult::unplannedUnavailableS);
        assertThat(d.ciLow()).isGreaterThan(0);
        assertThat(summary(simulate(good), RunResult::unplannedUnavailableS).mean()).isZero();
    }

    @Test
    void keepOldShorterThanDetection() throws IOException {
        // A fault that breaks a new app node outright, made in the parallel universe and missed by a test replaying nothing.
        String fault = ", fault: {type: 1, step: Configure, target: app-1, universe: parallel}}";
        // A window long enough after the plan for a repair in place (Rollback takes 30-60 s) to end inside it.
        Path bad = write(config(COMPATIBLE, "{name: s, strategy: {kind: imago, testCoverage: 0, testDuration: 5, keepOld: 0.1}" + fault,
                OWN_HOSTS, NO_LIBS, 0).replace("post: 20", "post: 120").replace("Retire: 1", "Retire: 0.1"));
        Path good = write(config(COMPATIBLE, "{name: s, strategy: {kind: imago, testCoverage: 0, testDuration: 5, keepOld: 600}" + fault,
                OWN_HOSTS, NO_LIBS, 0).replace("post: 20", "post: 120"));
        assertThat(rules(bad)).containsExactly("keep-old-shorter-than-detection");
        assertThat(rules(good)).isEmpty();
        // Harm: with nothing to switch back to, the faulty version serves until repaired in place; kept, the switch is reversed.
        Summary d = difference(simulate(bad), simulate(good), RunResult::unplannedUnavailableS);
        assertThat(d.ciLow()).isGreaterThan(0);
    }

    static final String CANARY_FAULT = ", fault: {type: 1, step: Start, target: app-3}}";

    static String canary(String analysis) {
        return "{name: s, strategy: {kind: canary, readinessDelay: 1, steps: [{setWeight: 50}, {analysis: " + analysis
                + "}, {setWeight: 100}]}";
    }

    @Test
    void analysisCannotFail() throws IOException {
        Path bad = write(config(COMPATIBLE, canary("{metric: error-rate, threshold: 0.05, interval: 2, count: 3, failureLimit: 3}")
                + CANARY_FAULT, OWN_HOSTS, NO_LIBS, 0));
        Path good = write(config(COMPATIBLE, canary("{metric: error-rate, threshold: 0.05, interval: 2, count: 3, failureLimit: 0}")
                + CANARY_FAULT, OWN_HOSTS, NO_LIBS, 0));
        assertThat(rules(bad)).containsExactly("analysis-cannot-fail");
        assertThat(rules(good)).isEmpty();
        // Harm: the faulty canary is promoted and its fault reaches every session; a working analysis aborts it.
        assertThat(simulate(good)).allMatch(r -> r.outcome() == Outcome.ROLLED_BACK);
        Summary d = difference(simulate(bad), simulate(good), RunResult::unplannedUnavailableS);
        assertThat(d.ciLow()).isGreaterThan(0);
    }

    @Test
    void canaryNeverReaches100() throws IOException {
        // At 40 requests/s and 50%, a 0.01 s interval expects 0.2 new-version requests: most measurements are empty.
        Path empty = write(config(COMPATIBLE, canary("{metric: error-rate, threshold: 0.05, interval: 0.01, count: 3, failureLimit: 0}") + "}",
                OWN_HOSTS, NO_LIBS, 0));
        // The quickest request takes 15 ms on average: a 5 ms p99 threshold fails every measurement.
        Path slow = write(config(COMPATIBLE, canary("{metric: p99-latency, threshold: 0.005, interval: 2, count: 3, failureLimit: 0}") + "}",
                OWN_HOSTS, NO_LIBS, 0));
        Path good = write(config(COMPATIBLE, canary("{metric: error-rate, threshold: 0.05, interval: 2, count: 3, failureLimit: 0}") + "}",
                OWN_HOSTS, NO_LIBS, 0));
        assertThat(rules(empty)).containsExactly("canary-never-reaches-100");
        assertThat(rules(slow)).containsExactly("canary-never-reaches-100");
        assertThat(rules(good)).isEmpty();
        // Harm: no fault, yet the canary is rolled back; with a sound analysis it completes.
        assertThat(simulate(empty).stream().filter(r -> r.outcome() == Outcome.ROLLED_BACK).count()).isGreaterThan(REPS / 2);
        assertThat(simulate(slow)).allMatch(r -> r.outcome() == Outcome.ROLLED_BACK);
        assertThat(simulate(good)).allMatch(r -> r.outcome() == Outcome.SUCCESS);
    }

    @Test
    void surgeAndUnavailableZero() throws IOException {
        // 10% of 2 replicas: surge rounds up to 1 only when it is not 0%; here both round to 0 and Kubernetes takes 1 down.
        Path bad = write(config(COMPATIBLE, "{name: s, strategy: {kind: rolling, maxSurge: \"0%\", maxUnavailable: \"10%\", readinessDelay: 1}}",
                OWN_HOSTS, NO_LIBS, 0).replace("rate: 40", "rate: 1200"));
        Path good = write(config(COMPATIBLE, "{name: s, strategy: {kind: rolling, maxSurge: 1, maxUnavailable: 0, readinessDelay: 1}}",
                OWN_HOSTS, NO_LIBS, 0).replace("rate: 40", "rate: 1200"));
        assertThat(rules(bad)).containsExactly("surge-and-unavailable-zero", "surge-and-unavailable-zero"); // web and app
        assertThat(rules(good)).isEmpty();
        // Harm: a node out of service at a time, so the others queue: the upgrade's p99 latency rises.
        Summary d = difference(simulate(bad), simulate(good), RunResult::p99UpgradeLatencyMs);
        assertThat(d.ciLow()).isGreaterThan(0);
    }
}
