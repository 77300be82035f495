package imago.sim;

import imago.model.experiment.Experiment;
import imago.model.experiment.FaultSpec;
import imago.model.experiment.Scenario;
import imago.model.fault.FaultInjection;
import imago.model.fault.FaultModel;
import imago.model.fault.FaultType;
import imago.model.dist.Dist;
import imago.model.metrics.Outcome;
import imago.model.metrics.TimelineBin;
import imago.model.plan.StepKind;
import imago.model.plan.Universe;
import imago.model.strategy.Strategy;
import imago.model.upgrade.SchemaChange;
import imago.model.upgrade.Upgrade;
import org.junit.jupiter.api.Test;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A type 4 fault in a conversion is a step it leaves out (the executor's fault skips the ITEMS
 * step): the first table the new version needs converted is never swapped, so the old nodes go on
 * serving it through the conversion, and only the new version's requests on it fail. The skipped
 * table takes none of the conversion's time, as on the testbed, so the tables after it swap earlier.
 */
class SkippedConversionStepTest {

    private static final int REPLICATIONS = 6;

    /** The bidding system without callbacks (they would blur which requests fail). */
    private final Experiment e = Fixtures.withoutAsync(Fixtures.load("bidding.yaml"));

    private DetailedRun run(List<FaultInjection> given, int replication) {
        Scenario rolling = e.scenario("rolling").orElseThrow();
        Scenario s = new Scenario("rolling", rolling.strategy(), new FaultSpec.None(), given);
        return Simulation.runDetailed(Fixtures.input(Fixtures.withStrategy(e, s), s, FaultModel.none()), replication);
    }

    @Test
    void oldNodesKeepServingTheSkippedTableThroughTheConversion() {
        SchemaChange schema = e.upgrade().schema().orElseThrow();
        assertThat(schema.tableNames().getFirst()).isEqualTo("items");
        double rate = schema.rate(Universe.PRODUCTION, true);
        double itemsSwap = e.preS() + schema.tables().get(0).rows() / rate;
        // bidding.yaml's row costs are 1: without ITEMS the conversion is BIDS' rows alone
        double bidsSwapSkipped = e.preS() + schema.tables().get(1).rows() / rate;
        double bidsSwap = e.preS() + schema.rows() / rate;
        assertThat(bidsSwapSkipped).isGreaterThan(itemsSwap + 2).isLessThan(bidsSwap - 2);
        for (int r = 0; r < REPLICATIONS; r++) {
            DetailedRun skipped = run(List.of(FaultInjection.of(4, "ConvertData", "db-1")), r);
            DetailedRun plain = run(List.of(), r);
            long offered = 0, served = 0, plainOffered = 0, plainServed = 0, laterOffered = 0, laterServed = 0;
            for (int i = 0; i < skipped.result().timeline().size(); i++) {
                TimelineBin b = skipped.result().timeline().get(i);
                if (b.second() >= itemsSwap && b.second() + 1 <= bidsSwapSkipped) {
                    offered += b.offered();
                    served += b.succeeded();
                    TimelineBin p = plain.result().timeline().get(i);
                    plainOffered += p.offered();
                    plainServed += p.succeeded();
                } else if (b.second() >= bidsSwapSkipped && b.second() + 1 <= bidsSwap) {
                    laterOffered += b.offered();
                    laterServed += b.succeeded();
                }
            }
            // Without the fault the old nodes fail what uses ITEMS once it is swapped; with it ITEMS
            // stays as they know it and BIDS is not swapped yet: every request is served.
            assertThat(offered).isPositive();
            assertThat(served).isEqualTo(offered);
            assertThat(plainServed).isLessThan(plainOffered);
            // BIDS swaps when its own rows are converted, not when ITEMS' would have been too:
            // from then on the old nodes fail what uses it, before the whole conversion's end.
            assertThat(laterServed).isLessThan(laterOffered);

            InjectedFault f = skipped.faults().getFirst();
            assertThat(f.type()).isEqualTo(FaultType.DATA_ACCESS);
            assertThat(f.stepKind()).isEqualTo(StepKind.CONVERT_DATA);
            // Drawn as the conversion begins, live at once; detected only once a new-version node
            // fails on the skipped table, which no node can do before the conversion has ended.
            assertThat(f.injectedAtS()).isEqualTo(e.preS());
            assertThat(f.activatedAtS().orElseThrow()).isEqualTo(e.preS());
            assertThat(f.detectedAtS().orElseThrow()).isGreaterThan(bidsSwapSkipped);
        }
    }

    /**
     * The rollback that follows converts back only what the conversion converted, as the
     * executor does: BIDS, not the ITEMS it skipped. With nodes put back instantly, the rollback
     * lasts exactly the data's conversion back: BIDS' share of the whole for the skipped step,
     * the whole after a fault that skipped nothing (a type 2 on the last node's Configure).
     */
    @Test
    void theRollbackConvertsBackOnlyTheTablesTheConversionConverted() { // a rollout that aborts on a fault
        Upgrade u = e.upgrade();
        Map<StepKind, Dist> times = new EnumMap<>(u.stepTimes());
        times.put(StepKind.ROLLBACK, Dist.constant(0));
        // Observed long enough after the last step for the monitor to see the fault and the rollback to end.
        Experiment longer = new Experiment(e.name(), e.source(), e.topology(), e.workload(), e.upgrade(), e.scenarios(),
                e.replications(), e.seed(), e.preS(), 30, e.maxSimulatedS());
        Experiment instant = Fixtures.withUpgrade(longer, new Upgrade(u.fromVersion(), u.toVersion(), u.tiers(), u.schema(),
                u.directives(), u.libraries(), u.interfaces(), u.movedLocations(), times, u.faultyStartTimes()));
        SchemaChange schema = u.schema().orElseThrow();
        double whole = schema.rollbackSeconds();
        double bids = whole * schema.tables().get(1).rows() / schema.rows(); // bidding.yaml's row costs are 1
        Strategy.Rolling r0 = (Strategy.Rolling) instant.scenario("rolling").orElseThrow().strategy();
        Scenario rolling = new Scenario("rolling", new Strategy.Rolling(r0.maxSurge(), r0.maxUnavailable(), r0.readinessDelayS(),
                r0.pauseS(), true, r0.progressDeadlineS(), r0.progressDeadlineAbort(), r0.expandContract()),
                new FaultSpec.None(), List.of());
        for (int r = 0; r < 3; r++) {
            assertThat(rollbackSpan(instant, rolling, FaultInjection.of(4, "ConvertData", "db-1"), r))
                    .isCloseTo(bids, org.assertj.core.data.Offset.offset(1e-6));
            assertThat(rollbackSpan(instant, rolling, FaultInjection.of(2, "Configure", "app-2"), r))
                    .isCloseTo(whole, org.assertj.core.data.Offset.offset(1e-6));
        }
        assertThat(bids).isLessThan(whole - 1);
    }

    /** From the fault's detection to the upgrade's end: the rollback, when it is what ends it. */
    private static double rollbackSpan(Experiment e, Scenario base, FaultInjection fault, int replication) {
        Scenario s = new Scenario(base.name(), base.strategy(), new FaultSpec.None(), List.of(fault));
        DetailedRun run = Simulation.runDetailed(Fixtures.input(Fixtures.withStrategy(e, s), s, FaultModel.none()), replication);
        assertThat(run.result().outcome()).isEqualTo(Outcome.ROLLED_BACK);
        return e.preS() + run.result().upgradeDurationS() - run.faults().getFirst().detectedAtS().orElseThrow();
    }
}
