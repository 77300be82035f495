package imago.sim;

import imago.model.experiment.Experiment;
import imago.model.experiment.FaultSpec;
import imago.model.experiment.Scenario;
import imago.model.fault.FaultInjection;
import imago.model.fault.FaultModel;
import imago.model.fault.FaultType;
import imago.model.metrics.TimelineBin;
import imago.model.plan.StepKind;
import imago.model.plan.Universe;
import imago.model.upgrade.SchemaChange;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A type 4 fault in a conversion is a step it leaves out (the executor's fault skips the ITEMS
 * step): the first table the new version needs converted is never swapped, so the old nodes go on
 * serving it through the conversion, and only the new version's requests on it fail.
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
        double bidsSwap = e.preS() + schema.rows() / rate;
        for (int r = 0; r < REPLICATIONS; r++) {
            DetailedRun skipped = run(List.of(FaultInjection.of(4, "ConvertData", "db-1")), r);
            DetailedRun plain = run(List.of(), r);
            long offered = 0, served = 0, plainOffered = 0, plainServed = 0;
            for (int i = 0; i < skipped.result().timeline().size(); i++) {
                TimelineBin b = skipped.result().timeline().get(i);
                if (b.second() >= itemsSwap && b.second() + 1 <= bidsSwap) {
                    offered += b.offered();
                    served += b.succeeded();
                    TimelineBin p = plain.result().timeline().get(i);
                    plainOffered += p.offered();
                    plainServed += p.succeeded();
                }
            }
            // Without the fault the old nodes fail what uses ITEMS once it is swapped; with it ITEMS
            // stays as they know it and BIDS is not swapped yet: every request is served.
            assertThat(offered).isPositive();
            assertThat(served).isEqualTo(offered);
            assertThat(plainServed).isLessThan(plainOffered);

            InjectedFault f = skipped.faults().getFirst();
            assertThat(f.type()).isEqualTo(FaultType.DATA_ACCESS);
            assertThat(f.stepKind()).isEqualTo(StepKind.CONVERT_DATA);
            // Drawn as the conversion begins, live at once; detected only once a new-version node
            // fails on the skipped table, which no node can do before the conversion has ended.
            assertThat(f.injectedAtS()).isEqualTo(e.preS());
            assertThat(f.activatedAtS().orElseThrow()).isEqualTo(e.preS());
            assertThat(f.detectedAtS().orElseThrow()).isGreaterThan(bidsSwap);
        }
    }
}
