package imago.model.plan;

import imago.model.config.ExperimentLoader;
import imago.model.experiment.Experiment;
import imago.model.strategy.Fenceposts;
import imago.model.strategy.Strategy;
import imago.model.topology.Dependency;
import imago.model.topology.Topology;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Rolling's knobs resolved per tier, the dependency-ordered tier order, and the progress deadline's clock. */
class RolloutTest {

    private static final Path THREE_TIER = Path.of("../experiments/configs/three-tier.yaml");

    private static Experiment withStrategy(String strategy) {
        String yaml = read().replace("strategy: {kind: rolling, maxSurge: 0, maxUnavailable: 1, readinessDelay: 10}", strategy);
        return ExperimentLoader.parse("three-tier.yaml", yaml);
    }

    private static String read() {
        try {
            return java.nio.file.Files.readString(THREE_TIER);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static PlanCompiler compiler(Experiment e) {
        return new PlanCompiler(e.topology(), e.workload(), e.upgrade());
    }

    private static Strategy rolling(Experiment e) {
        return e.scenario("rolling").orElseThrow().strategy();
    }

    @Test
    void kubernetesDefaultsResolvePerTier() {
        Experiment e = withStrategy("strategy: {kind: rolling}");
        // web has 2 replicas, app 4: 25% surges up to 1 on both, 25% unavailable rounds down to 0 and 1.
        assertThat(compiler(e).rollout(rolling(e))).containsExactly(
                java.util.Map.entry("web", new Fenceposts(1, 0)), java.util.Map.entry("app", new Fenceposts(1, 1)));
    }

    @Test
    void aMappingSetsEachTierAndTheOthersKeepTheDefault() {
        Experiment e = withStrategy("strategy: {kind: rolling, maxSurge: {app: 0}, maxUnavailable: {app: \"100%\", web: 2}}");
        assertThat(compiler(e).rollout(rolling(e))).containsExactly(
                java.util.Map.entry("web", new Fenceposts(1, 2)), java.util.Map.entry("app", new Fenceposts(0, 4)));
        // maxUnavailable 100% takes all of app's nodes down in one batch, as Kubernetes would.
        Plan plan = compiler(e).compile("rolling", rolling(e));
        assertThat(plan.steps()).anySatisfy(ps -> {
            assertThat(ps.step()).isInstanceOf(Step.Stop.class);
            assertThat(ps.step().targets()).containsExactly("app-1", "app-2", "app-3", "app-4");
        });
    }

    @Test
    void batchesFollowTheResolvedValues() {
        Experiment e = withStrategy("strategy: {kind: rolling, maxSurge: \"50%\", maxUnavailable: \"25%\"}");
        Plan plan = compiler(e).compile("rolling", rolling(e));
        // app: surge 2, unavailable 1 per batch: app-1,app-2 replaced by app-5,app-6, app-3 upgraded in place.
        assertThat(plan.steps()).anySatisfy(ps -> {
            assertThat(ps.step()).isInstanceOf(Step.Provision.class);
            assertThat(ps.step().targets()).containsExactly("app-5", "app-6");
        });
        assertThat(plan.steps()).anySatisfy(ps -> {
            assertThat(ps.step()).isInstanceOf(Step.Drain.class);
            assertThat(ps.step().targets()).containsExactly("app-1", "app-2", "app-3");
        });
    }

    @Test
    void dependencyOrderedTakesProvidersFirstByDeclaredDependenciesOnly() {
        Experiment e = ExperimentLoader.load(THREE_TIER);
        Strategy d = e.scenario("dependency-ordered").orElseThrow().strategy();
        // web -> app is declared: app (the provider) goes first, though the upgrade lists web first.
        assertThat(compiler(e).rollout(d).keySet()).containsExactly("app", "web");
        assertThat(firstStopped(compiler(e).compile("d", d))).startsWith("app-");
        assertThat(firstStopped(compiler(e).compile("r", rolling(e)))).startsWith("web-");
        // Hidden, the same dependency cannot be seen: the upgrade's own order stays.
        Topology t = e.topology();
        Topology hidden = new Topology(t.tiers(), t.dependencies().stream()
                .map(x -> x.from().equals("web") && x.to().equals("app") ? new Dependency("web", "app", x.kind(), true) : x).toList());
        assertThat(new PlanCompiler(hidden, e.workload(), e.upgrade()).rollout(d).keySet()).containsExactly("web", "app");
    }

    private static String firstStopped(Plan p) {
        return p.steps().stream().filter(ps -> ps.step() instanceof Step.Stop).findFirst().orElseThrow().step().targets().getFirst();
    }

    @Test
    void theProgressDeadlineComesFromTheStrategyIntoThePolicy() {
        Experiment e = withStrategy("strategy: {kind: rolling, progressDeadline: 90, progressDeadlineAbort: true}");
        assertThat(compiler(e).compile("rolling", rolling(e)).recovery().progressDeadline())
                .contains(new ProgressDeadline(90, true));
        Experiment defaults = ExperimentLoader.load(THREE_TIER);
        assertThat(compiler(defaults).compile("rolling", rolling(defaults)).recovery().progressDeadline())
                .contains(new ProgressDeadline(600, false));
        assertThat(compiler(defaults).compile("imago", defaults.scenario("imago").orElseThrow().strategy())
                .recovery().progressDeadline()).isEmpty();
    }

    @Test
    void theDeadlinePassesOnlyAfterAGapWithoutANewNodeReady() {
        Experiment e = ExperimentLoader.load(THREE_TIER);
        Plan plan = compiler(e).compile("rolling", rolling(e));
        ProgressDeadline.Watch w = new ProgressDeadline(100, false).watch(0);
        PlanState state = new PlanState(e.topology());
        double now = 0;
        List<ProgressDeadline.Verdict> verdicts = new java.util.ArrayList<>();
        for (List<PlannedStep> g : plan.groups()) {
            state.applyGroup(g, st -> { });
            now += 30; // each group 30 s: a batch (drain, stop, install, configure, start) is 150 s
            verdicts.add(w.groupDone(g, now, state));
        }
        assertThat(verdicts).containsOnlyOnce(ProgressDeadline.Verdict.EXCEEDED);
        assertThat(w.exceeded()).isTrue();

        ProgressDeadline.Watch generous = new ProgressDeadline(200, false).watch(0);
        PlanState s2 = new PlanState(e.topology());
        double t = 0;
        for (List<PlannedStep> g : plan.groups()) {
            s2.applyGroup(g, st -> { });
            t += 30;
            generous.groupDone(g, t, s2);
        }
        assertThat(generous.exceeded()).isFalse();
    }

    @Test
    void aLongDataConversionBeforeTheRolloutDoesNotCount() {
        Experiment e = ExperimentLoader.load(THREE_TIER);
        Plan plan = compiler(e).compile("rolling", rolling(e));
        List<List<PlannedStep>> groups = plan.groups();
        assertThat(groups.getFirst().getFirst().step()).isInstanceOf(Step.ConvertData.class);
        ProgressDeadline.Watch w = new ProgressDeadline(100, false).watch(0);
        PlanState state = new PlanState(e.topology());
        state.applyGroup(groups.getFirst(), st -> { });
        // 200 s of conversion, longer than the deadline: not the rollout's time.
        assertThat(w.groupDone(groups.getFirst(), 200, state)).isEqualTo(ProgressDeadline.Verdict.ON_TIME);
        // The first batch's five groups, 15 s each, end with a node ready at 275 s: within 100 s.
        double now = 200;
        for (List<PlannedStep> g : groups.subList(1, 6)) {
            state.applyGroup(g, st -> { });
            now += 15;
            assertThat(w.groupDone(g, now, state)).isEqualTo(ProgressDeadline.Verdict.ON_TIME);
        }
        assertThat(w.exceeded()).isFalse();
    }

    /**
     * Over generated systems with percentage knobs: after every group each upgraded tier keeps at
     * least {@code replicas - unavailable} nodes serving and runs at most {@code replicas + surge}
     * nodes, with the values resolved as Kubernetes resolves them.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("imago.model.plan.GeneratedSystems#samples")
    void percentagesKeepKubernetesBounds(GeneratedSystems.Sample sample) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(sample.seed());
        int[] surges = {0, 10, 25, 50, 100, 200};
        int[] unavailables = {0, 10, 25, 50, 100};
        int surge = surges[r.nextInt(surges.length)];
        int unavailable = unavailables[r.nextInt(unavailables.length)];
        if (surge == 0 && unavailable == 0) {
            unavailable = 25; // an explicit 0%/0% is refused, as by Kubernetes
        }
        Strategy.Rolling rolling = new Strategy.Rolling(
                imago.model.strategy.TierKnob.all(new imago.model.strategy.IntOrPercent.Percent(surge)),
                imago.model.strategy.TierKnob.all(new imago.model.strategy.IntOrPercent.Percent(unavailable)),
                0, 0, false, 600, false);
        Plan plan = GeneratedSystems.compile(sample, rolling);
        PlanState state = new PlanState(sample.topology());
        for (List<PlannedStep> group : plan.groups()) {
            state.applyGroup(group, st -> {
                for (String tier : sample.upgrade().tiers()) {
                    int replicas = sample.topology().requireTier(tier).replicas();
                    Fenceposts f = rolling.fenceposts(tier, replicas);
                    assertThat(st.servingNodes(tier)).as("serving %s, %s", tier, f).hasSizeGreaterThanOrEqualTo(replicas - f.unavailable());
                    long existing = java.util.stream.IntStream.rangeClosed(1, 3 * replicas + 1)
                            .filter(i -> st.node(Universe.PRODUCTION, tier + "-" + i).exists()).count();
                    assertThat(existing).as("nodes of %s, %s", tier, f).isLessThanOrEqualTo(replicas + f.surge());
                }
            });
        }
    }
}
