package imago.model.plan;

import imago.model.dist.Dist;
import imago.model.upgrade.SchemaChange;
import imago.model.plan.GeneratedSystems.Sample;
import imago.model.plan.RecoveryPolicy.DetectedFault;
import imago.model.strategy.Strategy;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The recovery a plan's policy chooses, checked on the reference state of its own plan. */
class RecoveryPolicyTest {

    /** A generated system whose upgrade changes the schema. */
    private static final Sample SAMPLE = LongStream.range(0, 100).mapToObj(GeneratedSystems::sample)
            .filter(s -> s.upgrade().schema().isPresent()).findFirst().orElseThrow();

    /** The reference state after the plan's groups up to the first one with a step of {@code kind}. */
    private static PlanState stateAt(Plan plan, Class<? extends Step> kind) {
        PlanState state = new PlanState(SAMPLE.topology());
        for (List<PlannedStep> g : plan.groups()) {
            state.applyGroup(g, s -> { });
            if (g.stream().anyMatch(ps -> kind.isInstance(ps.step()))) {
                return state;
            }
        }
        return state;
    }

    @Test
    void anEscapedFaultAfterTheSwitchSwitchesBackWhileTheOldUniverseExists() {
        Plan plan = GeneratedSystems.compile(SAMPLE, new Strategy.Imago(0.9, 60, true, 2, 240));
        Recovery r = plan.recovery().decide(new DetectedFault(Universe.PARALLEL, true), stateAt(plan, Step.Switch.class));
        assertThat(r).isEqualTo(new Recovery.SwitchBack(Dist.constant(2)));
        assertThat(r.steps()).containsExactly(new Step.Switch(Universe.PRODUCTION, Dist.constant(2), false));

        Recovery late = plan.recovery().decide(new DetectedFault(Universe.PARALLEL, true), stateAt(plan, Step.Retire.class));
        assertThat(late).isEqualTo(new Recovery.RepairInPlace());
    }

    @Test
    void aCaughtFaultBeforeTheSwitchIsRepairedInPlace() {
        Plan plan = GeneratedSystems.compile(SAMPLE, new Strategy.Imago(0.9, 60, true, 2, 240));
        Recovery r = plan.recovery().decide(new DetectedFault(Universe.PARALLEL, false), stateAt(plan, Step.RuntimeTest.class));
        assertThat(r).isEqualTo(new Recovery.RepairInPlace());
        assertThat(r.steps()).isEmpty();
        assertThat(plan.recovery().abandonParallel().steps()).singleElement()
                .satisfies(s -> assertThat(s).isInstanceOf(Step.Retire.class))
                .satisfies(s -> assertThat(s.universe()).isEqualTo(Universe.PARALLEL));
    }

    @Test
    void rollingRollsBackOnlyWhenItAbortsOnFaults() {
        Strategy.Rolling r = SAMPLE.rolling();
        Strategy.Rolling aborting = r.withAbortOnFault(true);
        Plan plan = GeneratedSystems.compile(SAMPLE, aborting);
        PlanState state = stateAt(plan, Step.Install.class);
        Recovery recovery = plan.recovery().decide(new DetectedFault(Universe.PRODUCTION, false), state);
        assertThat(recovery).isInstanceOf(Recovery.RollBack.class);
        Recovery.RollBack back = (Recovery.RollBack) recovery;
        // The rolling plan converts the shared database first, so the data is restored first.
        assertThat(back.data()).isEqualTo(SAMPLE.topology().requireTier("db").nodeNames());
        assertThat(back.nodes()).isNotEmpty().allSatisfy(n -> {
            StateView.NodeState s = state.node(Universe.PRODUCTION, n);
            assertThat(s.newVersion() || !s.serving()).as(n).isTrue();
        });
        // The nodes leave service first (none serves data being converted back), then the data
        // goes back, timed from its rows at the offline rate, then each node.
        assertThat(back.steps().getFirst()).isEqualTo(new Step.Stop(Universe.PRODUCTION, back.nodes(), Dist.constant(0)));
        SchemaChange schema = SAMPLE.upgrade().schema().orElseThrow();
        assertThat(back.steps().get(1)).isEqualTo(new Step.Rollback(Universe.PRODUCTION, back.data(),
                Dist.constant(schema.rows() / schema.rate(Universe.PRODUCTION, false))));
        assertThat(schema.rollbackRate()).isEmpty(); // so the offline rate's
        assertThat(back.steps()).hasSize(2 + back.nodes().size());

        Strategy.Rolling lenient = r.withAbortOnFault(false);
        assertThat(GeneratedSystems.compile(SAMPLE, lenient).recovery()
                .decide(new DetectedFault(Universe.PRODUCTION, false), state)).isEqualTo(new Recovery.RepairInPlace());
    }

    @Test
    void recoveryStepsAreNumberedAfterThePlanEachAGroupOfItsOwn() {
        Plan plan = GeneratedSystems.compile(SAMPLE, new Strategy.InPlace());
        List<PlannedStep> extra = plan.after(new Recovery.SwitchBack(Dist.constant(1)).steps());
        PlannedStep last = plan.steps().getLast();
        assertThat(extra).containsExactly(new PlannedStep(last.number() + 1, last.group() + 1,
                new Step.Switch(Universe.PRODUCTION, Dist.constant(1), false)));
    }
}
