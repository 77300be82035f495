package imago.sim.engine;

import imago.model.config.ExperimentLoader;
import imago.model.experiment.Experiment;
import imago.model.experiment.FaultSpec;
import imago.model.experiment.Scenario;
import imago.model.fault.FaultModel;
import imago.model.plan.CanaryAnalysis;
import imago.model.plan.Conformance;
import imago.model.plan.Plan;
import imago.model.plan.PlanCompiler;
import imago.model.strategy.CanaryStep;
import imago.model.strategy.Strategy;
import imago.model.upgrade.SchemaChange;
import imago.model.upgrade.Upgrade;
import imago.model.workload.Arrivals;
import imago.model.workload.Workload;
import imago.sim.SimOptions;
import imago.sim.SimulationInput;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The simulator runs a canary's plan as {@link imago.model.plan.PlanState} says, weight included:
 * after every group of a fault-free canary on the three-tier example (with its schema change made
 * compatible), nodes, data and the canary weight equal the reference's. The analysis tolerates
 * inconclusive measurements: at 1% an interval often has no new-version request, which would abort.
 */
class CanaryConformanceTest {

    @ParameterizedTest(name = "weights 0..{0}..100")
    @ValueSource(ints = {1, 10, 25, 50, 99})
    void aCanaryConforms(int firstWeight) {
        Path config = Files.isDirectory(Path.of("../experiments/configs")) ? Path.of("../experiments/configs/three-tier.yaml")
                : Path.of("experiments/configs/three-tier.yaml");
        Experiment e = ExperimentLoader.load(config);
        Upgrade u = e.upgrade();
        SchemaChange s = u.schema().orElseThrow();
        Upgrade compatible = new Upgrade(u.fromVersion(), u.toVersion(), u.tiers(),
                Optional.of(new SchemaChange(s.database(), true, s.rows(), s.conversionRate())), u.directives(), u.libraries(),
                u.interfaces(), u.movedLocations(), u.stepTimes());
        Workload w = e.workload();
        Experiment light = new Experiment(e.name(), e.source(), e.topology(), new Workload(new Arrivals.Poisson(20), w.sessions(),
                w.mix(), w.async(), w.timeoutS()), compatible, e.scenarios(), 1, e.seed(), e.preS(), e.postS(), e.maxSimulatedS());
        Strategy strategy = new Strategy.Canary(List.of(new CanaryStep.SetWeight(firstWeight),
                new CanaryStep.Analysis(new CanaryAnalysis(CanaryAnalysis.Metric.P99_LATENCY, 1.0, 5, 2, 0, 2)),
                new CanaryStep.Pause(10), new CanaryStep.SetWeight(100)), 5, false);
        Scenario scenario = new Scenario("canary", strategy, new FaultSpec.None());
        Plan plan = new PlanCompiler(light.topology(), light.workload(), light.upgrade()).compile(scenario.name(), strategy);
        Conformance conformance = new Conformance(light.topology(), plan);
        List<String> differences = new ArrayList<>();
        Engine.runObserved(new SimulationInput(light, scenario, plan, FaultModel.none()), 0, SimOptions.defaults(),
                (groupsDone, state) -> differences.addAll(conformance.check(groupsDone, state)));
        assertThat(differences).isEmpty();
        assertThat(conformance.groupsApplied()).as("groups run").isEqualTo(plan.groups().size());
    }
}
