package imago.sim.engine;

import imago.model.config.ExperimentLoader;
import imago.model.experiment.Experiment;
import imago.model.experiment.FaultSpec;
import imago.model.experiment.Scenario;
import imago.model.fault.FaultModel;
import imago.model.plan.GeneratedSystems;
import imago.model.plan.Plan;
import imago.model.plan.PlanCompiler;
import imago.model.plan.PlannedStep;
import imago.model.plan.StateView;
import imago.model.plan.Step;
import imago.model.plan.Universe;
import imago.model.strategy.Strategy;
import imago.model.topology.TierKind;
import imago.model.workload.Arrivals;
import imago.model.workload.Workload;
import imago.sim.SimOptions;
import imago.sim.SimulationInput;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Why Imago's runtime test judges injected faults only ({@link RuntimeTestReplay}): when it begins,
 * the parallel universe has nothing the upgrade itself breaks. Every node of it serves the new
 * version, its data is converted and synced, and every upgraded tier has its copy there (so no
 * replayed read meets an old caller or an old library on its way).
 */
class ParallelUniverseAtTestTest {

    static Stream<Arguments> imagoPlans() {
        List<Arguments> out = new ArrayList<>();
        for (Path config : ConformanceTest.configs()) {
            Experiment e = ExperimentLoader.load(config);
            e.scenarios().stream().filter(s -> s.strategy() instanceof Strategy.Imago)
                    .forEach(s -> out.add(Arguments.of(config.getFileName() + " " + s.name(), e, s.strategy())));
        }
        GeneratedSystems.samples().limit(30).forEach(s -> {
            Experiment e = new Experiment("generated", "seed " + s.seed(), s.topology(), s.workload(), s.upgrade(),
                    List.of(), 1, s.seed(), 10, 10, 1e6);
            out.add(Arguments.of(s.toString(), e, new Strategy.Imago(0.9, 60, true, 2)));
        });
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("imagoPlans")
    void nothingTheUpgradeBreaksIsLeftInTheParallelUniverseWhenTheTestBegins(String name, Experiment e, Strategy strategy) {
        Workload w = e.workload();
        Experiment light = e.withWorkload(new Workload(new Arrivals.Poisson(20), w.sessions(), w.mix(), w.async(), w.timeoutS()));
        Scenario scenario = new Scenario("imago", strategy, new FaultSpec.None());
        Plan plan = new PlanCompiler(light.topology(), light.workload(), light.upgrade()).compile(scenario.name(), strategy);
        PlannedStep test = plan.steps().stream().filter(ps -> ps.step() instanceof Step.RuntimeTest).findFirst().orElseThrow();
        List<String> parallel = plan.steps().stream().filter(ps -> ps.step().universe() == Universe.PARALLEL)
                .flatMap(ps -> ps.step().targets().stream()).distinct().toList();
        List<String> problems = new ArrayList<>();
        boolean[] seen = {false};
        Engine.runObserved(new SimulationInput(light, scenario, plan, FaultModel.none()), 0, SimOptions.defaults(),
                (groupsDone, state) -> {
                    if (groupsDone == test.group() - 1) {
                        seen[0] = true;
                        check(light, parallel, state, problems);
                    }
                });
        assertThat(seen[0]).as("the group before the test ran").isTrue();
        assertThat(problems).isEmpty();
        for (String tier : light.upgrade().tiers()) {
            assertThat(light.topology().tiers()).filteredOn(t -> t.name().equals(tier))
                    .allSatisfy(t -> assertThat(t.kind()).as("upgraded tier %s is copied into the parallel universe", tier)
                            .isNotEqualTo(TierKind.INGRESS));
        }
    }

    private static void check(Experiment e, List<String> parallel, StateView state, List<String> problems) {
        for (String node : parallel) {
            StateView.NodeState n = state.node(Universe.PARALLEL, node);
            if (!n.serving() || !n.newVersion()) {
                problems.add(node + " " + n);
            }
        }
        if (e.upgrade().schema().isPresent()) {
            StateView.DataState d = state.data(Universe.PARALLEL);
            if (!d.converted() || !d.synced()) {
                problems.add("data " + d);
            }
        }
    }
}
