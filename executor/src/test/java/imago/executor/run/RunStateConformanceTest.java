package imago.executor.run;

import imago.model.config.ExperimentLoader;
import imago.model.experiment.Experiment;
import imago.model.experiment.Scenario;
import imago.model.plan.Plan;
import imago.model.plan.PlanCompiler;
import imago.model.plan.PlanState;
import imago.model.plan.PlannedStep;
import imago.model.plan.Universe;
import imago.model.topology.Node;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The executor's node and data state follows the model's {@link PlanState}: each plan of the
 * bidding experiment is run through the step actions' declared effects (no process needed), and
 * after every group the run's {@link RunView} must say what {@code PlanState} says.
 */
class RunStateConformanceTest {

    private static final Path CONFIG = Path.of("..", "experiments", "configs", "bidding.yaml");

    @ParameterizedTest
    @ValueSource(strings = {"in-place", "rolling", "blue-green", "imago"})
    void everyGroupLeavesTheStatePlanStateExpects(String name) {
        Experiment e = ExperimentLoader.load(CONFIG);
        Scenario s = e.scenario(name).orElseThrow();
        Plan plan = new PlanCompiler(e.topology(), e.workload(), e.upgrade()).compile(s.name(), s.strategy());
        String to = e.upgrade().toVersion();
        PlanState expected = new PlanState(e.topology());
        RunState actual = new RunState(e.topology(), e.upgrade().fromVersion(), to);
        Set<String> names = new TreeSet<>(e.topology().nodes().stream().map(Node::name).toList());
        plan.steps().forEach(ps -> names.addAll(ps.step().targets()));
        assertConforms(expected, actual, names, to, "before the plan");
        for (List<PlannedStep> group : plan.groups()) {
            expected.applyGroup(group, st -> { });
            group.forEach(ps -> StepAction.of(ps.step()).effect(actual));
            assertConforms(expected, actual, names, to, name + ", after group " + group.getFirst().group() + " "
                    + group.stream().map(ps -> ps.step().kind().configName() + ps.step().targets()).toList());
        }
        assertThat(actual.dataVersion(actual.servingUniverse())).as("%s: the serving universe's data", name)
                .contains(to);
    }

    private static void assertConforms(PlanState expected, RunView actual, Set<String> names, String to, String when) {
        assertThat(actual.servingUniverse()).as("serving universe %s", when).isEqualTo(expected.servingUniverse());
        for (Universe u : Universe.values()) {
            for (String n : names) {
                PlanState.NodeState want = expected.node(u, n);
                Optional<RunView.NodeView> got = actual.node(u, n);
                String where = u.configName() + "/" + n + " " + when;
                assertThat(got.isPresent()).as("%s exists", where).isEqualTo(want.exists());
                if (got.isPresent()) {
                    assertThat(got.get().running()).as("%s running", where).isEqualTo(want.running());
                    assertThat(got.get().routable()).as("%s routable", where).isEqualTo(want.routable());
                    assertThat(got.get().version().equals(to)).as("%s on %s", where, to).isEqualTo(want.newVersion());
                }
            }
        }
    }
}
