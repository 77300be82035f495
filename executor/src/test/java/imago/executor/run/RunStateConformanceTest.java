package imago.executor.run;

import imago.model.config.ExperimentLoader;
import imago.model.experiment.Experiment;
import imago.model.experiment.Scenario;
import imago.model.plan.Conformance;
import imago.model.plan.Plan;
import imago.model.plan.PlanCompiler;
import imago.model.plan.PlanState;
import imago.model.plan.PlannedStep;
import imago.model.plan.Recovery;
import imago.model.plan.RecoveryPolicy.DetectedFault;
import imago.model.plan.Step;
import imago.model.plan.Universe;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The executor's node and data state follows the model's {@link PlanState}: each plan of the
 * bidding experiment is run through the step actions' declared effects (no process needed), and
 * after every group {@link Conformance} must find the run's {@link RunView} equal to the
 * reference. The recoveries the plan's policy chooses on that view, after every group, are the
 * reference's, and their steps' effects leave the two states equal too.
 */
class RunStateConformanceTest {

    private static final Path CONFIG = Path.of("..", "experiments", "configs", "bidding.yaml");

    @ParameterizedTest
    @ValueSource(strings = {"in-place", "rolling", "blue-green", "imago"})
    void everyGroupLeavesTheStatePlanStateExpects(String name) {
        Experiment e = ExperimentLoader.load(CONFIG);
        Plan plan = compile(e, name);
        Conformance conformance = new Conformance(e.topology(), plan);
        RunState actual = new RunState(e.topology(), e.upgrade().fromVersion(), e.upgrade().toVersion());
        assertThat(conformance.check(0, actual)).as("%s, before the plan", name).isEmpty();
        List<List<PlannedStep>> groups = plan.groups();
        for (int i = 0; i < groups.size(); i++) {
            List<PlannedStep> group = groups.get(i);
            group.forEach(ps -> StepAction.of(ps.step()).effect(actual));
            assertThat(conformance.check(i + 1, actual)).as("%s, after group %d %s", name, group.getFirst().group(),
                    group.stream().map(ps -> ps.step().kind().configName() + ps.step().targets()).toList()).isEmpty();
        }
        assertThat(actual.dataVersion(actual.servingUniverse())).as("%s: the serving universe's data", name)
                .contains(e.upgrade().toVersion());
    }

    @ParameterizedTest
    @ValueSource(strings = {"in-place", "rolling", "blue-green", "imago"})
    void aRecoveryAfterAnyGroupIsDecidedAndAppliedAsPlanStateDoes(String name) {
        Experiment e = ExperimentLoader.load(CONFIG);
        Plan plan = compile(e, name);
        List<List<PlannedStep>> groups = plan.groups();
        for (int done = 0; done <= groups.size(); done++) {
            List<PlannedStep> prefix = groups.subList(0, done).stream().flatMap(List::stream).toList();
            PlanState expected = new PlanState(e.topology());
            RunState actual = new RunState(e.topology(), e.upgrade().fromVersion(), e.upgrade().toVersion());
            for (PlannedStep ps : prefix) {
                expected.apply(ps.step());
                StepAction.of(ps.step()).effect(actual);
            }
            Universe serving = actual.servingUniverse();
            DetectedFault fault = new DetectedFault(serving, serving != Universe.PRODUCTION);
            Recovery recovery = plan.recovery().decide(fault, actual);
            String when = name + ", after " + done + " groups";
            assertThat(recovery).as("%s: the recovery decided on the executor's view", when)
                    .isEqualTo(plan.recovery().decide(fault, expected));
            // A rollback in production as the executor performs it whatever the policy's abortOnFault.
            for (Recovery r : List.of(recovery, plan.recovery().rollBack(actual))) {
                assertRecoveryConforms(e, plan, prefix, r, when);
            }
        }
    }

    /** The plan's first steps, then the recovery's, each a group of its own: the executor's effects match the reference's. */
    private static void assertRecoveryConforms(Experiment e, Plan plan, List<PlannedStep> prefix, Recovery r, String when) {
        List<PlannedStep> steps = new ArrayList<>(prefix);
        int group = prefix.isEmpty() ? 0 : prefix.getLast().group();
        for (Step s : r.steps()) {
            steps.add(new PlannedStep(steps.size() + 1, ++group, s));
        }
        Plan recovered = new Plan(plan.scenario(), plan.strategy(), steps);
        Conformance conformance = new Conformance(e.topology(), recovered);
        RunState actual = new RunState(e.topology(), e.upgrade().fromVersion(), e.upgrade().toVersion());
        steps.forEach(ps -> StepAction.of(ps.step()).effect(actual));
        assertThat(conformance.check(recovered.groups().size(), actual)).as("%s, then %s", when, r).isEmpty();
    }

    /** The canary of the compatible upgrade: its weights, its promotion, and its abort after any group before it. */
    @org.junit.jupiter.api.Test
    void aCanaryAndItsAbortConform() {
        Experiment e = ExperimentLoader.load(Path.of("..", "experiments", "configs", "bidding-compatible.yaml"));
        Plan plan = compile(e, "canary");
        Conformance conformance = new Conformance(e.topology(), plan);
        RunState actual = new RunState(e.topology(), e.upgrade().fromVersion(), e.upgrade().toVersion());
        List<List<PlannedStep>> groups = plan.groups();
        for (int i = 0; i < groups.size(); i++) {
            groups.get(i).forEach(ps -> StepAction.of(ps.step()).effect(actual));
            assertThat(conformance.check(i + 1, actual)).as("canary, after group %d", i + 1).isEmpty();
        }
        assertThat(actual.canaryWeight()).hasValue(100);
        for (int done = 0; done <= groups.size(); done++) {
            List<PlannedStep> prefix = groups.subList(0, done).stream().flatMap(List::stream).toList();
            PlanState expected = new PlanState(e.topology());
            RunState view = new RunState(e.topology(), e.upgrade().fromVersion(), e.upgrade().toVersion());
            for (PlannedStep ps : prefix) {
                expected.apply(ps.step());
                StepAction.of(ps.step()).effect(view);
            }
            Recovery r = plan.recovery().analysisFailed(view);
            assertThat(r).as("after %d groups", done).isEqualTo(plan.recovery().analysisFailed(expected));
            assertRecoveryConforms(e, plan, prefix, r, "canary, after " + done + " groups");
        }
    }

    private static Plan compile(Experiment e, String name) {
        Scenario s = e.scenario(name).orElseThrow();
        return new PlanCompiler(e.topology(), e.workload(), e.upgrade()).compile(s.name(), s.strategy());
    }
}
