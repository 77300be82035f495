package imago.model.plan;

import imago.model.config.CanaryConfigTest;
import imago.model.config.ExperimentLoader;
import imago.model.dist.Dist;
import imago.model.experiment.Experiment;
import imago.model.strategy.Strategy;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What a canary (web x2, app x4; weights 10, 50, 100) compiles to, and what its abort does. */
class CanaryPlanTest {

    private final Experiment e = ExperimentLoader.parse("small.yaml", CanaryConfigTest.VALID);
    private final Plan plan = new PlanCompiler(e.topology(), e.workload(), e.upgrade())
            .compile("canary", e.scenarios().getFirst().strategy());

    private List<List<String>> targetsOf(StepKind kind) {
        return plan.steps().stream().filter(s -> s.step().kind() == kind).map(s -> s.step().targets()).toList();
    }

    @Test
    void eachWeightAddsCeilOfWeightTimesReplicasNewNodesPerTier() {
        // 10%: ceil(0.2) = 1 web, ceil(0.4) = 1 app; 50%: 1 web, 2 app; 100%: 2 web, 4 app.
        assertThat(targetsOf(StepKind.PROVISION)).containsExactly(
                List.of("web-3"), List.of("app-5"),
                List.of("app-6"),
                List.of("web-4"), List.of("app-7", "app-8"));
        assertThat(plan.steps().stream().map(s -> s.step()).filter(s -> s instanceof Step.SetWeight)
                .map(s -> ((Step.SetWeight) s).percent())).containsExactly(0, 10, 50, 100);
    }

    /**
     * Argo's {@code TestCalculateReplicaCountsForCanary} case for a traffic-routed canary
     * (utils/replicaset/canary_test.go, "... with trafficRouting"): 10 replicas at weight 10 run 1
     * canary and keep all 10 stable replicas.
     */
    @Test
    void aTrafficRoutedCanaryAt10PercentOf10ReplicasRunsOneCanaryBesideTenStable() {
        Experiment ten = ExperimentLoader.parse("small.yaml", CanaryConfigTest.VALID.replace("{name: app, replicas: 4}",
                "{name: app, replicas: 10}"));
        Plan p = new PlanCompiler(ten.topology(), ten.workload(), ten.upgrade()).compile("canary", ten.scenarios().getFirst().strategy());
        PlanState state = new PlanState(ten.topology());
        for (List<PlannedStep> g : p.groups()) {
            state.applyGroup(g, s -> { });
            if (g.getFirst().step() instanceof Step.SetWeight w && w.percent() == 10) {
                break;
            }
        }
        List<String> app = state.servingNodes("app");
        assertThat(app.stream().filter(n -> state.node(Universe.PRODUCTION, n).newVersion())).containsExactly("app-11");
        assertThat(app.stream().filter(n -> !state.node(Universe.PRODUCTION, n).newVersion())).hasSize(10);
    }

    @Test
    void theStepsComeInTheCanarysOrderAndThePromotionRetiresTheStableNodes() {
        List<String> kinds = plan.groups().stream().map(g -> g.getFirst().step().kind().configName()).toList();
        assertThat(kinds).containsExactly("ConvertData", "SetWeight",
                "Provision", "Install", "Configure", "Start", "SetWeight", "Wait", "Analysis",
                "Provision", "Install", "Configure", "Start", "SetWeight", "Wait",
                "Provision", "Install", "Configure", "Start", "SetWeight",
                "Drain", "Retire");
        assertThat(targetsOf(StepKind.RETIRE)).containsExactly(List.of("web-1", "web-2"), List.of("app-1", "app-2", "app-3", "app-4"));
        assertThat(plan.steps().stream().filter(s -> s.step() instanceof Step.Analysis).findFirst().orElseThrow().step().expectedSeconds())
                .isEqualTo(15);
    }

    @Test
    void theStableSetStaysAtFullSizeUntilThePromotion() {
        PlanState state = new PlanState(e.topology());
        for (List<PlannedStep> g : plan.groups()) {
            if (g.getFirst().step() instanceof Step.Drain) {
                break;
            }
            state.applyGroup(g, s -> assertThat(s.servingNodes("app")).contains("app-1", "app-2", "app-3", "app-4"));
        }
        assertThat(state.canaryWeight()).isEqualTo(OptionalInt.of(100));
        assertThat(state.servingNodes("app")).hasSize(8);
        plan.groups().stream().skip(plan.groups().size() - 2).forEach(g -> state.applyGroup(g, s -> { }));
        assertThat(state.servingNodes("app")).containsExactly("app-5", "app-6", "app-7", "app-8");
        assertThat(state.servingNodes("web")).containsExactly("web-3", "web-4");
        assertThat(state.node(Universe.PRODUCTION, "app-8").newVersion()).isTrue();
    }

    /** The state after every group up to the first step of {@code kind}, that group included. */
    private PlanState stateThrough(Class<? extends Step> kind) {
        PlanState state = new PlanState(e.topology());
        for (List<PlannedStep> g : plan.groups()) {
            state.applyGroup(g, s -> { });
            if (kind.isInstance(g.getFirst().step())) {
                return state;
            }
        }
        throw new IllegalArgumentException("no " + kind.getSimpleName());
    }

    @Test
    void aFailedAnalysisAbortsWeightBackTo0AndTheCanaryNodesRetired() {
        PlanState state = stateThrough(Step.Analysis.class);
        Recovery r = plan.recovery().analysisFailed(state);
        Dist drain = e.upgrade().stepTime(StepKind.DRAIN);
        Dist retire = e.upgrade().stepTime(StepKind.RETIRE);
        assertThat(r).isEqualTo(new Recovery.AbortCanary(List.of("web-3", "app-5"), drain, retire));
        assertThat(r.steps()).containsExactly(new Step.SetWeight(Universe.PRODUCTION, 0),
                new Step.Drain(Universe.PRODUCTION, List.of("web-3", "app-5"), drain),
                new Step.Retire(Universe.PRODUCTION, List.of("web-3", "app-5"), retire));
        plan.after(r.steps()).forEach(ps -> state.applyGroup(List.of(ps), s -> { }));
        assertThat(state.canaryWeight()).isEqualTo(OptionalInt.of(0));
        assertThat(state.servingNodes("app")).containsExactly("app-1", "app-2", "app-3", "app-4");
        assertThat(state.node(Universe.PRODUCTION, "app-5").exists()).isFalse();
    }

    @Test
    void onceThePromotionBeganThereIsNothingToAbort() {
        assertThat(plan.recovery().analysisFailed(stateThrough(Step.Drain.class))).isEqualTo(new Recovery.RepairInPlace());
    }

    @Test
    void aDetectedFaultAbortsOnlyWhenAskedAndOnlyAFailedAnalysisOtherwise() {
        PlanState state = stateThrough(Step.Analysis.class);
        RecoveryPolicy.DetectedFault fault = new RecoveryPolicy.DetectedFault(Universe.PRODUCTION, false);
        assertThat(plan.recovery().decide(fault, state)).isEqualTo(new Recovery.RepairInPlace());
        Strategy.Canary c = (Strategy.Canary) plan.strategy();
        Plan aborting = new PlanCompiler(e.topology(), e.workload(), e.upgrade())
                .compile("canary", new Strategy.Canary(c.steps(), c.readinessDelayS(), true));
        assertThat(aborting.recovery().decide(fault, state)).isInstanceOf(Recovery.AbortCanary.class);
    }

    @Test
    void onlyACanaryPlanHasAnAnalysisToFail() {
        Plan rolling = new PlanCompiler(e.topology(), e.workload(), e.upgrade())
                .compile("rolling", new Strategy.Rolling(1, 0, 0, 0, false));
        assertThatThrownBy(() -> rolling.recovery().analysisFailed(new PlanState(e.topology())))
                .isInstanceOf(IllegalStateException.class);
    }
}
