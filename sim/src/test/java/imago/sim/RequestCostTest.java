package imago.sim;

import imago.model.experiment.Experiment;
import imago.model.experiment.Scenario;
import imago.model.fault.FaultModel;
import imago.model.metrics.RunResult;
import imago.model.plan.Plan;
import imago.model.topology.Tier;
import imago.model.workload.RequestType;
import imago.model.workload.Workload;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A request type's cost scales the service time it asks of every tier on its path, so a costly
 * type sets the latency's tail: a page of items against one item.
 */
class RequestCostTest {

    /** Every tier serves in a constant time with more servers than requests ever wait for: latency is service alone. */
    private static final double TIER_S = 0.002;
    /** The histogram's buckets are 1% wide: a quantile is within half of that of the true value. */
    private static final double HISTOGRAM = 0.005;

    /** No upgrade, 300 s of the three-tier system with {@code mix} and constant service times. */
    private static RunResult steady(List<RequestType> mix) {
        Experiment base = Fixtures.withoutAsync(Fixtures.threeTier());
        Workload w = base.workload();
        Workload costed = new Workload(w.arrivals(), w.sessions(), mix, w.async(), w.timeoutS());
        Experiment e = Fixtures.withConstantService(Fixtures.withWorkload(base, costed), TIER_S);
        e = new Experiment(e.name(), e.source(), e.topology(), costed, e.upgrade(), e.scenarios(),
                e.replications(), e.seed(), 0, 300, e.maxSimulatedS());
        Scenario s = e.scenario("in-place").orElseThrow();
        return Simulation.run(new SimulationInput(e, s, new Plan(s.name(), s.strategy(), List.of()), FaultModel.none()), 0);
    }

    private static List<RequestType> mix(double dearCost) {
        List<String> path = Fixtures.threeTier().topology().tiers().stream().map(Tier::name).toList();
        return List.of(new RequestType("light", 0.95, false, path),
                new RequestType("dear", 0.05, false, path).withCost(dearCost));
    }

    @Test
    void aCostlyTypeAsksItsCostTimesTheServiceAtEveryTierAndSetsTheTail() {
        double path = 4 * TIER_S;
        RunResult alike = steady(mix(1));
        RunResult costed = steady(mix(4));
        assertThat(alike.offered()).isGreaterThan(1000);
        // Without waiting, a request's latency is its path's service: 5% of them ask 4 times as much,
        // which puts the p99 (above the cheapest 99%) on the costly type and leaves the median alone.
        assertThat(alike.p50LatencyMs() / 1000).isCloseTo(path, within(path * HISTOGRAM));
        assertThat(alike.p99LatencyMs() / 1000).isCloseTo(path, within(path * HISTOGRAM));
        assertThat(costed.p50LatencyMs() / 1000).isCloseTo(path, within(path * HISTOGRAM));
        assertThat(costed.p99LatencyMs() / 1000).isCloseTo(4 * path, within(4 * path * HISTOGRAM));
    }

    @Test
    void aCostOfOneLeavesEveryResultAsItWas() {
        List<String> path = Fixtures.threeTier().topology().tiers().stream().map(Tier::name).toList();
        List<RequestType> plain = List.of(new RequestType("light", 0.95, false, path), new RequestType("dear", 0.05, false, path));
        assertThat(steady(mix(1))).isEqualTo(steady(plain));
    }

    @Test
    void aCostMustBePositive() {
        RequestType t = new RequestType("r", 1, false, List.of("app"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> t.withCost(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cost");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> t.withCost(Double.NaN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cost");
    }
}
