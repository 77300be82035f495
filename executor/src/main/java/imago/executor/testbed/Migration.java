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

    /** Puts in-place-converted data back in the form the old version reads; its swaps name the tables converted back. */
    Conversion.Report back(Connection c) throws SQLException;

    /** Copies the old universe's data into an empty new-version database; {@code skipItems} leaves ITEMS out. */
    Conversion.Report copy(Connection from, Connection to, Path scratch, boolean skipItems) throws SQLException;

    /** Copies ITEMS again into the new-version database: the repair of a skipped ITEMS step. */
    long copyItems(Connection from, Connection to, Path scratch) throws SQLException;

    /** What a sync does to a row on its way between the two schemas. */
    Sync.Columns columns();

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
        public Conversion.Report back(Connection c) throws SQLException {
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
    }

    /**
     * v1 -> v1.1: a nullable column added ({@code BIDS.NOTE}). Compatible: in place BIDS is copied
     * with the column and swapped in online ({@link Conversion#addBidNote}), no value of the
     * application's changes, and the old version keeps working on the result, so going back
     * converts nothing (the column stays, as expand/contract migrations leave it). A skipped step is the column not added: v1.1 then
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
            return Conversion.addBidNote(c);
        }

        @Override
        public Conversion.Report back(Connection c) {
            return new Conversion.Report(0, List.of());
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
    }
}
