package imago.sim;

import imago.model.experiment.Experiment;
import imago.model.experiment.Scenario;
import imago.model.fault.FaultModel;
import imago.model.metrics.RunResult;
import imago.model.strategy.Strategy;
import imago.model.upgrade.SchemaChange;
import imago.model.upgrade.SchemaOp;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The simulator honours what each version can do with each table (the schema change's operations):
 * an old node fails a request only on a swapped table it cannot read, or write for a writing
 * request; and expand/contract keeps old nodes working until none is left.
 */
class TypedSchemaChangeTest {

    private static final int REPLICATIONS = 10;

    /** Bidding with only its schema change as a hidden dependency: no library, no callbacks. */
    private static Experiment bidding(List<SchemaOp> changes) {
        Experiment e = Fixtures.withoutLibraries(Fixtures.withoutAsync(Fixtures.load("bidding.yaml")));
        SchemaChange s = e.upgrade().schema().orElseThrow();
        return Fixtures.withSchema(e, Optional.of(SchemaChange.of(s.database(), s.tables(), changes, s.conversionRate(),
                s.parallelRate(), s.offlineRate())));
    }

    private static List<RunResult> rolling(Experiment e, boolean expandContract) {
        Scenario s = new Scenario("rolling", new Strategy.Rolling(1, 0, 1, 0, false, expandContract), e.scenario("rolling").orElseThrow().faults(),
                List.of());
        SimulationInput in = Fixtures.input(Fixtures.withStrategy(e, s), s, FaultModel.none());
        return IntStream.range(0, REPLICATIONS).mapToObj(r -> Simulation.run(in, r)).toList();
    }

    private static final SchemaOp RENAME = new SchemaOp.RenameColumn("bids", "amount_cents", "amount");

    @Test
    void aRenameBreaksOldNodesUnlessExpandedAndContracted() {
        Experiment e = bidding(List.of(RENAME));
        Fixtures.Interval broken = Fixtures.ci(rolling(e, false), RunResult::unplannedUnavailableS);
        assertThat(broken.lower()).isGreaterThan(0);
        assertThat(rolling(e, true)).allSatisfy(r -> assertThat(r.unplannedUnavailableS()).isZero());
    }

    private static List<RunResult> canary(Experiment e, boolean expandContract) {
        Scenario s = new Scenario("canary", new Strategy.Canary(List.of(new imago.model.strategy.CanaryStep.SetWeight(50),
                new imago.model.strategy.CanaryStep.Pause(5), new imago.model.strategy.CanaryStep.SetWeight(100)), 1, false,
                expandContract), e.scenario("rolling").orElseThrow().faults(), List.of());
        SimulationInput in = Fixtures.input(Fixtures.withStrategy(e, s), s, FaultModel.none());
        return IntStream.range(0, REPLICATIONS).mapToObj(r -> Simulation.run(in, r)).toList();
    }

    /** The config refuses a canary over a rename unless expanded; built directly, the simulator shows why. */
    @Test
    void aCanaryExpandedAndContractedKeepsItsStableNodesWorking() {
        Experiment e = bidding(List.of(RENAME));
        assertThat(Fixtures.ci(canary(e, false), RunResult::unplannedUnavailableS).lower()).isGreaterThan(0);
        assertThat(canary(e, true)).allSatisfy(r -> assertThat(r.unplannedUnavailableS()).isZero())
                .allSatisfy(r -> assertThat(r.mixedVersionS()).isPositive());
    }

    @Test
    void aNullableColumnLeavesOldNodesWorking() {
        Experiment e = bidding(List.of(new SchemaOp.AddColumn("bids", "currency", true, Optional.empty())));
        assertThat(rolling(e, false)).allSatisfy(r -> assertThat(r.unplannedUnavailableS()).isZero());
    }

    /**
     * NOT NULL without a default: old nodes still read bids and fail only the writes (place-bid).
     * Against a rename of the same table, which fails the reads too, fewer requests fail.
     */
    @Test
    void aNotNullWithoutDefaultFailsOnlyTheOldVersionsWrites() {
        List<RunResult> notNull = rolling(bidding(List.of(new SchemaOp.AddNotNull("bids", "confirmed", Optional.empty()))), false);
        List<RunResult> withDefault = rolling(bidding(List.of(new SchemaOp.AddNotNull("bids", "confirmed", Optional.of("false")))), false);
        List<RunResult> renamed = rolling(bidding(List.of(RENAME)), false);
        assertThat(Fixtures.ci(notNull, RunResult::unplannedUnavailableS).lower()).isGreaterThan(0);
        assertThat(withDefault).allSatisfy(r -> assertThat(r.unplannedUnavailableS()).isZero());
        // Failed requests: the writes only, fewer than the reads and writes of bids a rename fails.
        Fixtures.Interval fewer = Fixtures.pairedCi(renamed, notNull, r -> r.offered() * (1 - r.availability()));
        assertThat(fewer.lower()).isGreaterThan(0);
    }
}
