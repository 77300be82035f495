package imago.sim;

import imago.model.experiment.Experiment;
import imago.model.fault.FaultModel;
import imago.model.metrics.RunResult;
import imago.model.plan.Universe;
import imago.model.topology.Topology;
import imago.model.upgrade.SchemaChange;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With shared processors (every tier on the database's machine, a one-machine testbed) a
 * conversion or sync takes its capacity share from the machine, so it slows every tier, not
 * only the database it reads; without a conversion the setting changes nothing.
 */
class SharedProcessorsTest {

    private static final int REPLICATIONS = 12;

    /** The bidding system without callbacks: every request is a primary one through ingress, app and db. */
    private static Experiment bidding() {
        return Fixtures.withoutAsync(Fixtures.load("bidding.yaml"));
    }

    private static Experiment shared(Experiment e) {
        Topology t = e.topology();
        return Fixtures.withTopology(e, new Topology(t.tiers(), t.dependencies(), true));
    }

    private static List<RunResult> runs(Experiment e, String scenario) {
        SimulationInput in = Fixtures.input(e, scenario, FaultModel.none());
        return IntStream.range(0, REPLICATIONS).mapToObj(r -> Simulation.run(in, r)).toList();
    }

    @Test
    void theBiddingConfigKeepsProcessorsOfItsOwn() {
        assertThat(bidding().topology().sharedProcessors()).isFalse();
        assertThat(shared(bidding()).topology().sharedProcessors()).isTrue();
    }

    @Test
    void aConversionBesideProductionSlowsTheApplicationTierOnSharedProcessors() {
        Experiment own = bidding();
        SchemaChange s = own.upgrade().schema().orElseThrow();
        for (String scenario : List.of("rolling", "imago")) {
            // Rolling converts in place beside production, Imago copies production's data into the
            // parallel universe: either way the same seeds offer the same requests.
            List<RunResult> alone = runs(own, scenario);
            List<RunResult> together = runs(shared(own), scenario);
            var slower = Fixtures.pairedCi(together, alone, RunResult::p99UpgradeLatencyMs);
            assertThat(slower.lower()).as(scenario + ": p99 while upgrading, shared minus own (ms)").isGreaterThan(0);
            // The application's 4 ms of a request's 5.5 ms now stretch too, where only the
            // database's 1 ms did: more than a sixth longer, and no more than every tier stretched
            // by the in-place share (1 / (1 - 0.66)) can make it, as the load queues nowhere.
            double ratio = mean(together) / mean(alone);
            double factor = 1 / (1 - s.capacityShare(s.rate(Universe.PRODUCTION, true)));
            assertThat(ratio).as(scenario + ": p99 ratio").isBetween(1 + 1 / 6.0, factor);
        }
    }

    @Test
    void withoutAConversionBesideProductionSharedProcessorsChangeNothing() {
        Experiment noSchema = Fixtures.withSchema(bidding(), Optional.empty());
        for (String scenario : List.of("rolling", "imago")) {
            assertThat(runs(shared(noSchema), scenario)).as(scenario).isEqualTo(runs(noSchema, scenario));
        }
        // In place with the application stopped, nothing serves beside the conversion.
        Experiment inPlace = bidding();
        assertThat(runs(shared(inPlace), "in-place")).isEqualTo(runs(inPlace, "in-place"));
    }

    private static double mean(List<RunResult> rs) {
        return rs.stream().mapToDouble(RunResult::p99UpgradeLatencyMs).average().orElseThrow();
    }
}
