package imago.executor.testbed;

import imago.executor.db.BiddingSchema;
import imago.executor.db.Conversion;
import imago.executor.db.Sync;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * The data conversion one upgrade of the bidding testbed needs, as the system descriptor
 * ({@link BiddingTestbed#UPGRADES}) pairs it with its versions: every data step of a run asks the
 * upgrade's migration, so which conversion a version pair needs is said in one place.
 */
public sealed interface Migration permits Migration.MoneyToDecimal, Migration.AddedColumn {

    /** Creates the new version's schema in an empty database. */
    void createNewSchema(Connection c) throws SQLException;

    /** Converts the data in place; {@code skip} leaves the migration's step out (fault type 4). */
    Conversion.Report inPlace(Connection c, boolean skip) throws SQLException;

    /** Puts in-place-converted data back in the form the old version reads; returns the rows converted. */
    long back(Connection c) throws SQLException;

    /** Copies the old universe's data into an empty new-version database; {@code skipItems} leaves ITEMS out. */
    Conversion.Report copy(Connection from, Connection to, Path scratch, boolean skipItems) throws SQLException;

    /** Copies ITEMS again into the new-version database: the repair of a skipped ITEMS step. */
    long copyItems(Connection from, Connection to, Path scratch) throws SQLException;

    /** What a sync does to a row on its way between the two schemas. */
    Sync.Columns columns();

    /** Whether {@link #inPlace} must run with no request in flight ({@link SystemUnderTest#convertsInPlaceAlone}). */
    boolean rewritesUnderTraffic();

    /**
     * v1 -> v2: money from integer cents to decimal + currency. Incompatible: each version fails on
     * the other's schema, so the tables are rebuilt converted (in place) or copied converted.
     */
    record MoneyToDecimal() implements Migration {
        @Override
        public void createNewSchema(Connection c) throws SQLException {
            BiddingSchema.createV2(c);
        }

        @Override
        public Conversion.Report inPlace(Connection c, boolean skip) throws SQLException {
            return Conversion.inPlace(c, skip);
        }

        @Override
        public long back(Connection c) throws SQLException {
            return Conversion.reverseInPlace(c);
        }

        @Override
        public Conversion.Report copy(Connection from, Connection to, Path scratch, boolean skipItems) throws SQLException {
            return Conversion.copyConverted(from, to, scratch, skipItems);
        }

        @Override
        public long copyItems(Connection from, Connection to, Path scratch) throws SQLException {
            return Conversion.copyItems(from, to, scratch);
        }

        @Override
        public Sync.Columns columns() {
            return Sync.Columns.CONVERTED;
        }

        /** No: it builds converted copies and catches them up itself (its own lost-write window is documented there). */
        @Override
        public boolean rewritesUnderTraffic() {
            return false;
        }
    }

    /**
     * v1 -> v1.1: a nullable column added ({@code BIDS.NOTE}). Compatible: in place it is one
     * {@code ALTER TABLE ... ADD COLUMN} that changes no value of the application's, and the old
     * version keeps working on the result, so going back converts nothing (the column stays, as
     * expand/contract migrations leave it). A skipped step is the column not added: v1.1 then
     * fails on every read of bids.
     */
    record AddedColumn() implements Migration {
        /** What a skipped in-place step leaves out. */
        static final String COLUMN = "BIDS.NOTE";

        @Override
        public void createNewSchema(Connection c) throws SQLException {
            BiddingSchema.createV1_1(c);
        }

        @Override
        public Conversion.Report inPlace(Connection c, boolean skip) throws SQLException {
            if (skip) {
                return new Conversion.Report(0, List.of(COLUMN));
            }
            BiddingSchema.addBidNote(c);
            return new Conversion.Report(0, List.of());
        }

        @Override
        public long back(Connection c) {
            return 0;
        }

        @Override
        public Conversion.Report copy(Connection from, Connection to, Path scratch, boolean skipItems) throws SQLException {
            return Conversion.copyShared(from, to, scratch, skipItems);
        }

        @Override
        public long copyItems(Connection from, Connection to, Path scratch) throws SQLException {
            return Conversion.copySharedItems(from, to, scratch);
        }

        @Override
        public Sync.Columns columns() {
            return Sync.Columns.SHARED;
        }

        /**
         * Yes: H2 adds a column by copying the table into a new one and dropping the old, and writes
         * acknowledged during the copy are lost (measured: 314 of 1,354 inserts from four
         * connections during one ADD COLUMN on 20,000 rows), others fail on a missing table.
         * PostgreSQL only changes its catalogue, so there the hold is short.
         */
        @Override
        public boolean rewritesUnderTraffic() {
            return true;
        }
    }
}
