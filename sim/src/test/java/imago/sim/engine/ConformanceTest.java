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
import imago.model.strategy.Strategy;
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
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The simulator's step runners mean what {@link imago.model.plan.PlanState} says: every plan of
 * the example configs and of the generated systems of the plan tests is run fault-free, and after
 * every group the simulated nodes, data and serving universe must equal the reference's.
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

    private static List<Path> configs() {
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
