package imago.sim.engine;

import imago.model.topology.TierKind;
import imago.model.upgrade.SchemaChange;
import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.OptionalDouble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A copy into another universe reads production's database only while its source exports: an
 * export faster than the target's load runs ahead (the executor queues its batches), so the
 * copy's share of production ends with the export, not with the copy.
 */
class CopyExportTest {

    private static final long ROWS = 1000;
    /** In place beside production 100 rows/s, with it stopped 200: a reader at 100 takes half. */
    private static final SchemaChange SCHEMA = new SchemaChange("db", false, ROWS, 100, OptionalDouble.of(50), OptionalDouble.of(200));

    private final TierRt db = new TierRt(1, "db", TierKind.DATABASE, 4, null, java.util.List.of());
    private final TierRt app = new TierRt(0, "app", TierKind.SERVICE, 4, null, java.util.List.of());

    private static UniverseData copyAt(double now, OptionalDouble exportRate) {
        UniverseData d = new UniverseData(null, Optional.of(SCHEMA.withExportRate(exportRate)), true);
        d.copying(1, 0, ROWS, 50, now);
        return d;
    }

    @Test
    void aFasterExportTakesItsShareUntilItEndsThenNothing() {
        // Exported at 250 rows/s: 4 s, at the in-place share (capped: no reader takes more).
        UniverseData d = copyAt(10, OptionalDouble.of(250));
        assertThat(d.serviceFactor(app, 0, 10)).isCloseTo(2, within(1e-12));
        assertThat(d.serviceFactor(db, 0, 13.99)).isCloseTo(2, within(1e-12));
        assertThat(d.serviceFactor(app, 0, 14.01)).isEqualTo(1);
        assertThat(d.serviceFactor(app, 0, 29)).isEqualTo(1);
    }

    @Test
    void withoutAnExportRateOrWithASlowerOneTheSourceIsReadForTheWholeCopy() {
        for (OptionalDouble export : new OptionalDouble[] {OptionalDouble.empty(), OptionalDouble.of(40)}) {
            UniverseData d = copyAt(10, export);
            // Read at the load's 50 rows/s: a quarter of the database, until the step ends.
            assertThat(d.serviceFactor(app, 0, 14.01)).as("%s", export).isCloseTo(4 / 3.0, within(1e-12));
            assertThat(d.serviceFactor(app, 0, 1e6)).as("%s", export).isCloseTo(4 / 3.0, within(1e-12));
            d.doneReading(1);
            assertThat(d.serviceFactor(app, 0, 1e6)).isEqualTo(1);
        }
    }

    @Test
    void aNewReadingForgetsAnEarlierExportsEnd() {
        UniverseData d = copyAt(10, OptionalDouble.of(250));
        d.doneReading(1);
        d.reading(1, 0, 50); // the sync after the copy reads until it ends
        assertThat(d.serviceFactor(app, 0, 100)).isCloseTo(4 / 3.0, within(1e-12));
    }
    /**
     * A type 4 fault skips the first table's step: it takes none of the copy's time, so the next
     * table swaps, the copy ends and the export stops reading production that share sooner.
     */
    @Test
    void aSkippedTableTakesNoneOfTheCopyNorOfItsExport() {
        SchemaChange two = new SchemaChange("db", false,
                java.util.List.of(new SchemaChange.Table("items", 250), new SchemaChange.Table("bids", 750)),
                100, OptionalDouble.of(50), OptionalDouble.of(200)).withExportRate(OptionalDouble.of(250));
        UniverseData d = new UniverseData(null, Optional.of(two), true);
        d.conversionStarted(1, false, 20, 10, 0, imago.model.plan.Step.ConvertData.Phase.FULL);
        d.copying(1, 0, 1000, 50, 10);
        assertThat(d.withoutSkipped(1, 20)).as("nothing skipped").isEqualTo(20);
        d.held(1).skipped = 1L; // items
        assertThat(d.withoutSkipped(1, 20)).isCloseTo(15, within(1e-12));
        assertThat(d.withoutSkipped(1, 20)).as("asked again, the same").isCloseTo(15, within(1e-12));
        assertThat(d.held(1).swappedAt(24.99)).isZero();
        assertThat(d.held(1).swappedAt(25)).as("bids at 10 + 15 s, items never").isEqualTo(2L);
        // The export of 750 of the 1000 rows at 250 rows/s: 3 s, not 4.
        assertThat(d.serviceFactor(app, 0, 12.99)).isCloseTo(2, within(1e-12));
        assertThat(d.serviceFactor(app, 0, 13.01)).isEqualTo(1);
    }
}
