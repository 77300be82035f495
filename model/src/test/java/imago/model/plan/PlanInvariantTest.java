package imago.model.plan;

import imago.model.plan.GeneratedSystems.Sample;
import imago.model.strategy.Strategy;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Plan invariants, checked over randomly generated systems and strategy parameters. */
class PlanInvariantTest {

    static Stream<Sample> samples() {
        return GeneratedSystems.samples();
    }

    static Plan compile(Sample s, Strategy strategy) {
        return GeneratedSystems.compile(s, strategy);
    }

    static List<Strategy> strategies(Sample s) {
        return GeneratedSystems.strategies(s);
    }

    @ParameterizedTest
    @MethodSource("samples")
    void imagoNeverTouchesProductionBeforeTheSwitch(Sample s) {
        Plan plan = compile(s, new Strategy.Imago(0.9, 60, true, 2));
        boolean switched = false;
        for (PlannedStep ps : plan.steps()) {
            Step step = ps.step();
            if (step instanceof Step.Switch) {
                switched = true;
            }
            if (!switched && step.universe() == Universe.PRODUCTION) {
                assertThat(step).as("step %d before the switch", ps.number())
                        .isNotInstanceOfAny(Step.Stop.class, Step.Drain.class, Step.Configure.class, Step.Install.class,
                                Step.ConvertData.class, Step.SyncData.class, Step.Retire.class, Step.Rollback.class);
            }
        }
        assertThat(switched).isTrue();
    }

    @ParameterizedTest
    @MethodSource("samples")
    void rollingKeepsEnoughNodesServing(Sample s) {
        Plan plan = compile(s, s.rolling());
        PlanState state = new PlanState(s.topology());
        for (List<PlannedStep> group : plan.groups()) {
            state.applyGroup(group, st -> {
                for (String tier : s.upgrade().tiers()) {
                    int replicas = s.topology().requireTier(tier).replicas();
                    assertThat(st.servingNodes(tier)).as("serving %s after group %d", tier, group.getFirst().group())
                            .hasSizeGreaterThanOrEqualTo(replicas - s.rolling().fenceposts(tier, replicas).unavailable());
                }
            });
        }
    }

    @ParameterizedTest
    @MethodSource("samples")
    void inPlaceHasExactlyOneStopStartWindow(Sample s) {
        Plan plan = compile(s, new Strategy.InPlace());
        List<Integer> stops = new ArrayList<>();
        List<Integer> starts = new ArrayList<>();
        for (PlannedStep ps : plan.steps()) {
            if (ps.step() instanceof Step.Stop) {
                stops.add(ps.group());
            }
            if (ps.step() instanceof Step.Start) {
                starts.add(ps.group());
            }
        }
        // All stops happen in one group and all starts in one later group: one outage, not several.
        assertThat(stops.stream().distinct().toList()).hasSize(1);
        assertThat(starts.stream().distinct().toList()).hasSize(1);
        assertThat(starts.getFirst()).isGreaterThan(stops.getFirst());
    }

    @ParameterizedTest
    @MethodSource("samples")
    void everyPlanEndsWithAllServingNodesOnTheNewVersion(Sample s) {
        for (Strategy strategy : strategies(s)) {
            Plan plan = compile(s, strategy);
            PlanState state = new PlanState(s.topology());
            plan.groups().forEach(g -> state.applyGroup(g, st -> { }));
            for (String tier : s.upgrade().tiers()) {
                List<String> serving = state.servingNodes(tier);
                assertThat(serving).as("%s: serving %s at the end", strategy.kind(), tier)
                        .hasSize(s.topology().requireTier(tier).replicas());
                for (String n : serving) {
                    assertThat(state.node(state.servingUniverse(), n).newVersion())
                            .as("%s: %s on the new version", strategy.kind(), n).isTrue();
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("samples")
    void theOldUniverseIsKeptAfterTheSwitchBeforeItRetires(Sample s) {
        for (Strategy strategy : List.of(new Strategy.Imago(0.9, 60, true, 2, 240), new Strategy.BlueGreen(2, 240))) {
            List<Step> steps = compile(s, strategy).steps().stream().map(PlannedStep::step).toList();
            int sw = steps.indexOf(steps.stream().filter(x -> x instanceof Step.Switch).findFirst().orElseThrow());
            assertThat(steps.get(sw + 1)).isEqualTo(new Step.Wait(Universe.PRODUCTION, imago.model.dist.Dist.constant(240)));
            assertThat(steps.get(sw + 2)).isInstanceOf(Step.Retire.class);
            assertThat(steps.get(sw + 2).universe()).isEqualTo(Universe.PRODUCTION);
        }
        List<Step> noKeep = compile(s, new Strategy.Imago(0.9, 60, true, 2, 0)).steps().stream().map(PlannedStep::step).toList();
        assertThat(noKeep.get(noKeep.size() - 2)).isInstanceOf(Step.Switch.class);
    }

    @ParameterizedTest
    @MethodSource("samples")
    void stepNumbersAndGroupsAreConsistent(Sample s) {
        for (Strategy strategy : strategies(s)) {
            Plan plan = compile(s, strategy);
            assertThat(plan.steps()).isNotEmpty();
            assertThat(plan.expectedSeconds()).isPositive();
            assertThat(plan.groups().stream().mapToInt(List::size).sum()).isEqualTo(plan.steps().size());
        }
    }
}
