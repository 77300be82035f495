package imago.model.plan;

import imago.model.dist.Dist;
import imago.model.strategy.Strategy;
import imago.model.topology.Tier;
import imago.model.topology.TierKind;
import imago.model.topology.Topology;
import imago.model.upgrade.SchemaChange;
import imago.model.upgrade.Upgrade;
import imago.model.workload.Arrivals;
import imago.model.workload.AsyncInteractions;
import imago.model.workload.RequestType;
import imago.model.workload.Sessions;
import imago.model.workload.Workload;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Plan invariants, checked over randomly generated systems and strategy parameters. */
class PlanInvariantTest {

    /** A generated system: 1-4 service tiers of 1-6 replicas, a database, maybe a schema change. */
    record Sample(long seed, Topology topology, Upgrade upgrade, Workload workload, Strategy.Rolling rolling) {
        @Override
        public String toString() {
            return "seed " + seed + ": " + topology.tiers().stream().map(t -> t.name() + "x" + t.replicas()).toList()
                    + " " + rolling;
        }
    }

    static Stream<Sample> samples() {
        return IntStream.range(0, 300).mapToObj(PlanInvariantTest::sample);
    }

    static Sample sample(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Tier> tiers = new ArrayList<>();
        tiers.add(tier("ingress", TierKind.INGRESS, 1));
        int services = 1 + r.nextInt(4);
        int minReplicas = Integer.MAX_VALUE;
        List<String> upgraded = new ArrayList<>();
        for (int i = 0; i < services; i++) {
            int replicas = 1 + r.nextInt(6);
            tiers.add(tier("svc" + i, TierKind.SERVICE, replicas));
            if (i == 0 || r.nextBoolean()) {
                upgraded.add("svc" + i);
                minReplicas = Math.min(minReplicas, replicas);
            }
        }
        tiers.add(tier("db", TierKind.DATABASE, 1 + r.nextInt(2)));
        Optional<SchemaChange> schema = r.nextBoolean()
                ? Optional.of(new SchemaChange("db", r.nextBoolean(), 1 + r.nextInt(1_000_000), 10 + r.nextInt(10_000)))
                : Optional.empty();
        Upgrade upgrade = new Upgrade("v1", "v2", upgraded, schema, List.of(), List.of(), List.of(), List.of(), Map.of());
        Workload workload = new Workload(new Arrivals.Poisson(1 + r.nextInt(500)), Sessions.single(),
                List.of(new RequestType("r", 1, r.nextBoolean(), tiers.stream().map(Tier::name).toList())),
                AsyncInteractions.none(), 2);
        // maxUnavailable < the smallest upgraded tier (0 allowed with surge), as validation demands.
        int maxUnavailable = minReplicas == 1 ? 0 : r.nextInt(minReplicas);
        int maxSurge = maxUnavailable == 0 ? 1 + r.nextInt(3) : r.nextInt(3);
        Strategy.Rolling rolling = new Strategy.Rolling(maxUnavailable, maxSurge, r.nextInt(20), r.nextInt(3) * 5, false);
        return new Sample(seed, new Topology(tiers, List.of()), upgrade, workload, rolling);
    }

    static Tier tier(String name, TierKind kind, int replicas) {
        return new Tier(name, kind, replicas, 4, Dist.exponential(0.01),
                IntStream.rangeClosed(1, replicas).mapToObj(i -> "h-" + name + "-" + i).toList());
    }

    static Plan compile(Sample s, Strategy strategy) {
        return new PlanCompiler(s.topology(), s.workload(), s.upgrade()).compile(strategy.kind(), strategy);
    }

    static List<Strategy> strategies(Sample s) {
        return List.of(new Strategy.InPlace(), s.rolling(), new Strategy.BlueGreen(2), new Strategy.Imago(0.9, 60, true, 2));
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
                            .hasSizeGreaterThanOrEqualTo(replicas - s.rolling().maxUnavailable());
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
