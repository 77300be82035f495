package imago.sim.engine;

import imago.model.config.ExperimentLoader;
import imago.model.experiment.Experiment;
import imago.model.health.MonitorRule;
import imago.model.experiment.FaultSpec;
import imago.model.experiment.Scenario;
import imago.model.fault.FaultModel;
import imago.model.plan.Conformance;
import imago.model.plan.GeneratedSystems;
import imago.model.plan.Plan;
import imago.model.plan.PlanCompiler;
import imago.model.plan.PlannedStep;
import imago.model.plan.Step;
import imago.model.plan.CanaryAnalysis;
import imago.model.strategy.CanaryStep;
import imago.model.strategy.Strategy;
import imago.model.upgrade.SchemaChange;
import imago.model.upgrade.Upgrade;
import imago.model.workload.Arrivals;
import imago.model.workload.Workload;
import imago.sim.SimOptions;
import imago.sim.SimulationInput;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The simulator's step runners mean what {@link imago.model.plan.PlanState} says: every plan of
 * the example configs and of the generated systems of the plan tests is run fault-free, and after
 * every group the simulated nodes, data and serving universe must equal the reference's; so must
 * canaries, their weight included.
 */
class ConformanceTest {

    /** Enough load for drains and callbacks to matter, little enough to keep the runs quick. */
    private static final double RATE = 20;

    static Stream<Arguments> examplePlans() {
        List<Arguments> out = new ArrayList<>();
        for (Path config : configs()) {
            Experiment e = ExperimentLoader.load(config);
            for (Scenario s : e.scenarios()) {
                out.add(Arguments.of(config.getFileName() + " " + s.name(), e, s.strategy()));
            }
        }
        return out.stream();
    }

    static List<Path> configs() {
        // Surefire runs in the module folder; the configs live in experiments/configs.
        Path root = Files.isDirectory(Path.of("../experiments/configs")) ? Path.of("../experiments/configs")
                : Path.of("experiments/configs");
        try (Stream<Path> files = Files.walk(root)) {
            List<Path> out = files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
            assertThat(out).as("example configs under " + root.toAbsolutePath()).isNotEmpty();
            return out;
        } catch (IOException x) {
            throw new UncheckedIOException(x);
        }
    }

    static Stream<Arguments> generatedPlans() {
        // A sixth of the plan tests' systems: each costs four simulations.
        return GeneratedSystems.samples().limit(50).flatMap(s -> {
            Experiment e = new Experiment("generated", "seed " + s.seed(), s.topology(), s.workload(), s.upgrade(),
                    List.of(), 1, s.seed(), 10, 10, 1e6);
            return GeneratedSystems.strategies(s).stream().map(st -> Arguments.of(s + " " + st.kind(), e, st));
        });
    }

    /**
     * Canaries on the three-tier example with its schema change made compatible, weight checked
     * too. The analysis tolerates inconclusive measurements: at 1% an interval often has no
     * new-version request, which would abort.
     */
    static Stream<Arguments> canaryPlans() {
        Experiment e = ExperimentLoader.load(configs().stream().filter(p -> p.endsWith("three-tier.yaml")).findFirst().orElseThrow());
        Upgrade u = e.upgrade();
        SchemaChange s = u.schema().orElseThrow();
        Experiment compatible = new Experiment(e.name(), e.source(), e.topology(), e.workload(), new Upgrade(u.fromVersion(),
                u.toVersion(), u.tiers(), Optional.of(new SchemaChange(s.database(), true, s.rows(), s.conversionRate())),
                u.directives(), u.libraries(), u.interfaces(), u.movedLocations(), u.stepTimes()), e.scenarios(), 1, e.seed(),
                e.preS(), e.postS(), e.maxSimulatedS());
        return IntStream.of(1, 10, 25, 50, 99).mapToObj(w -> Arguments.of("canary " + w + "%", compatible,
                new Strategy.Canary(List.of(new CanaryStep.SetWeight(w),
                        new CanaryStep.Analysis(new CanaryAnalysis(CanaryAnalysis.Metric.P99_LATENCY, 1.0, 5, 2, 0, 2)),
                        new CanaryStep.Pause(10), new CanaryStep.SetWeight(100)), 5, false)));
    }

    /** Expand/contract on the three-tier example (its type changes can be expanded): rolling and canary. */
    static Stream<Arguments> expandContractPlans() {
        Experiment e = ExperimentLoader.load(configs().stream().filter(p -> p.endsWith("three-tier.yaml")).findFirst().orElseThrow());
        return Stream.of(Arguments.of("rolling expand/contract", e, new Strategy.Rolling(1, 1, 5, 0, false, true)),
                Arguments.of("canary expand/contract", e, new Strategy.Canary(List.of(new CanaryStep.SetWeight(50),
                        new CanaryStep.Pause(10), new CanaryStep.SetWeight(100)), 5, false, true)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("expandContractPlans")
    void expandContractPlansConform(String name, Experiment e, Strategy strategy) {
        conforms(e, strategy);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("canaryPlans")
    void canaryPlansConform(String name, Experiment e, Strategy strategy) {
        conforms(e, strategy);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examplePlans")
    void examplePlansConform(String name, Experiment e, Strategy strategy) {
        conforms(e, strategy);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("generatedPlans")
    void generatedPlansConform(String name, Experiment e, Strategy strategy) {
        conforms(e, strategy);
    }

    private static void conforms(Experiment e, Strategy strategy) {
        Workload w = e.workload();
        Experiment light = e.withWorkload(new Workload(new Arrivals.Poisson(RATE), w.sessions(), w.mix(), w.async(),
                w.timeoutS())).withMonitor(MonitorRule.blind()); // the plan's own steps: no recovery cuts them short
        Scenario scenario = new Scenario("conformance", strategy, new FaultSpec.None());
        Plan plan = new PlanCompiler(light.topology(), light.workload(), light.upgrade()).compile(scenario.name(), strategy);
        Conformance conformance = new Conformance(light.topology(), plan);
        List<String> differences = new ArrayList<>();
        Engine.runObserved(new SimulationInput(light, scenario, plan, FaultModel.none()), 0, SimOptions.defaults(),
                (groupsDone, state) -> differences.addAll(conformance.check(groupsDone, state)));
        assertThat(differences).isEmpty();
        assertThat(conformance.groupsApplied()).as("groups run").isEqualTo(groupsBeforeAbandoning(plan));
    }

    /** A sync that never converges ends the plan at its group. */
    private static int groupsBeforeAbandoning(Plan plan) {
        for (PlannedStep ps : plan.steps()) {
            if (ps.step() instanceof Step.SyncData s && !s.converges()) {
                return ps.group() - 1;
            }
        }
        return plan.groups().size();
    }
}
