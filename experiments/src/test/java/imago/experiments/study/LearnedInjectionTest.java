package imago.experiments.study;

import imago.faultmodel.FaultModelPipeline;
import imago.faultmodel.Options;
import imago.model.config.ExperimentLoader;
import imago.model.experiment.Experiment;
import imago.model.experiment.Scenario;
import imago.model.fault.FaultModel;
import imago.model.fault.FaultType;
import imago.model.plan.Plan;
import imago.model.plan.PlanCompiler;
import imago.model.plan.PlannedStep;
import imago.sim.InjectedFault;
import imago.sim.Simulation;
import imago.sim.SimulationInput;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code faults: learned}: the simulator injects faults in the proportions of the model learned
 * from the data set, within sampling error.
 */
class LearnedInjectionTest {

    @Test
    void injectedFaultTypesFollowTheLearnedModel() {
        // Few resamples keep it quick. They do shape the model (modal k, bagged types), but injection
        // is compared against this same model, so any model will do.
        FaultModel learned = FaultModelPipeline.runDefault(Options.defaults().withResamples(5)).model();
        // Scaled up (same proportions) so that a few hundred runs see enough faults of every type.
        FaultModel model = learned.scaled(8);
        Experiment e = ExperimentLoader.load(Path.of("src/test/resources/small.yaml"));
        Scenario inPlace = e.scenario("in-place").orElseThrow();
        Plan plan = new PlanCompiler(e.topology(), e.workload(), e.upgrade()).compile(inPlace.name(), inPlace.strategy());

        // Expected faults of each type per run: one draw per target of each step (once for target-less steps).
        Map<FaultType, Double> expected = new EnumMap<>(FaultType.class);
        for (PlannedStep s : plan.steps()) {
            int draws = Math.max(1, s.step().targets().size());
            for (FaultType t : FaultType.values()) {
                expected.merge(t, draws * model.probability(s.step().kind(), t), Double::sum);
            }
        }
        double expectedTotal = expected.values().stream().mapToDouble(Double::doubleValue).sum();
        assertThat(expectedTotal).isPositive();

        int runs = 300;
        Map<FaultType, Integer> seen = new EnumMap<>(FaultType.class);
        int total = 0;
        for (int r = 0; r < runs; r++) {
            for (InjectedFault f : Simulation.runDetailed(new SimulationInput(e, inPlace, plan, model), r).faults()) {
                if (f.stepNumber() <= plan.steps().size()) {
                    seen.merge(f.type(), 1, Integer::sum);
                    total++;
                }
            }
        }
        assertThat(total).as("enough faults for the margins to mean something").isGreaterThan(300);
        // Total: Poisson-like count; 99.9% margin (z = 3.29) on the expected number.
        double mean = runs * expectedTotal;
        assertThat((double) total).isBetween(mean - 3.29 * Math.sqrt(mean), mean + 3.29 * Math.sqrt(mean));
        // Shares: binomial given the total, each within its 99.9% normal interval.
        for (FaultType t : FaultType.values()) {
            double p = expected.get(t) / expectedTotal;
            double observed = (double) seen.getOrDefault(t, 0) / total;
            double margin = 3.29 * Math.sqrt(p * (1 - p) / total) + 1.0 / total;
            assertThat(observed).as("share of type %d (expected %.3f of %d faults)", t.number(), p, total)
                    .isBetween(p - margin, p + margin);
        }
    }
}
