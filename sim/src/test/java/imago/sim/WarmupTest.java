package imago.sim;

import imago.model.experiment.Experiment;
import imago.model.experiment.Scenario;
import imago.model.fault.FaultModel;
import imago.model.metrics.RunResult;
import imago.model.plan.Plan;
import imago.model.topology.Tier;
import imago.model.topology.WarmupStage;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A node started during the run serves its first seconds slower, stage by stage (a JVM's code
 * still interpreted); the nodes that run from the start, the baseline's, do not.
 */
class WarmupTest {

    /** Every tier serves in a constant time with more servers than requests ever wait for: latency is service alone. */
    private static final double TIER_S = 0.002;
    /** The histogram's buckets are 1% wide: a quantile is within half of that of the true value. */
    private static final double HISTOGRAM = 0.005;
    private static final double FACTOR = 5;

    /**
     * The three-tier system without a schema change, shared libraries or callbacks (nothing fails
     * and the rollout completes), constant service, the app tier warming as given.
     */
    private static Experiment system(List<WarmupStage> appWarmup) {
        Experiment base = Fixtures.withConstantService(plain(), TIER_S);
        List<Tier> tiers = base.topology().tiers().stream()
                .map(t -> t.name().equals("app") ? t.withWarmup(appWarmup) : t).toList();
        return Fixtures.withTopology(base, base.topology().withTiers(tiers));
    }

    private static RunResult rolling(Experiment e) {
        return Simulation.run(Fixtures.input(e, "rolling", FaultModel.none()), 0);
    }

    @Test
    void aStartedNodeServesAtItsStagesFactorAndTheOthersAtTheirServiceTime() {
        double path = 4 * TIER_S;
        double warming = 3 * TIER_S + FACTOR * TIER_S;
        // A stage longer than the run: every app node the rollout restarted serves at 5 times the
        // app's service time from then on, and by the rollout's end they take every request.
        RunResult warm = rolling(system(List.of(new WarmupStage(1e6, FACTOR))));
        assertThat(warm.p99UpgradeLatencyMs() / 1000).isCloseTo(warming, within(warming * HISTOGRAM));
        assertThat(rolling(system(List.of())).p99UpgradeLatencyMs() / 1000).isCloseTo(path, within(path * HISTOGRAM));
        // A stage shorter than any request's gap leaves the node as it was once it is over.
        RunResult brief = rolling(system(List.of(new WarmupStage(1e-9, FACTOR))));
        assertThat(brief.p99UpgradeLatencyMs() / 1000).isCloseTo(path, within(path * HISTOGRAM));
    }

    @Test
    void theNodesRunningFromTheStartDoNotWarmUp() {
        Experiment e = system(List.of(new WarmupStage(1e6, FACTOR)));
        Experiment steady = new Experiment(e.name(), e.source(), e.topology(), e.workload(), e.upgrade(), e.scenarios(),
                e.replications(), e.seed(), 0, 300, e.maxSimulatedS());
        Scenario s = steady.scenario("rolling").orElseThrow();
        RunResult r = Simulation.run(new SimulationInput(steady, s, new Plan(s.name(), s.strategy(), List.of()), FaultModel.none()), 0);
        assertThat(r.offered()).isGreaterThan(1000);
        assertThat(r.p99LatencyMs() / 1000).isCloseTo(4 * TIER_S, within(4 * TIER_S * HISTOGRAM));
    }

    private static Experiment plain() {
        return Fixtures.withoutLibraries(Fixtures.withSchema(Fixtures.withoutAsync(Fixtures.threeTier()), Optional.empty()));
    }

    @Test
    void noWarmUpLeavesEveryResultAsItWas() {
        Experiment plain = plain();
        List<Tier> once = plain.topology().tiers().stream().map(t -> t.withWarmup(List.of())).toList();
        assertThat(rolling(Fixtures.withTopology(plain, plain.topology().withTiers(once)))).isEqualTo(rolling(plain));
    }
}
