package imago.executor.db;

import imago.executor.DataSize;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The v1 -> v2 conversion in place on a real H2 database: each swapped table arrives with its
 * indexes under their own names (built on the copy before the swap, nothing rebuilt afterwards),
 * and so does each table a rollback swaps back.
 */
class ConversionTest {

    private static final DataSize SIZE = new DataSize(50, 40, 300);
    private Connection db;

    @BeforeEach
    void setUp() throws SQLException {
        String url = "jdbc:h2:mem:conversion-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1";
        db = DriverManager.getConnection(url, "sa", "");
        BiddingSchema.createV1(db);
        BiddingSchema.createAppUser(db, "pw");
        BiddingSchema.seed(() -> DriverManager.getConnection(url, "sa", ""), SIZE, 3);
    }

    @AfterEach
    void tearDown() throws SQLException {
        db.close();
    }

    private List<String> indexes(String table) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Statement s = db.createStatement(); ResultSet r = s.executeQuery("SELECT INDEX_NAME FROM INFORMATION_SCHEMA.INDEXES"
                + " WHERE TABLE_NAME = '" + table + "' AND INDEX_TYPE_NAME <> 'PRIMARY KEY' ORDER BY INDEX_NAME")) {
            while (r.next()) {
                names.add(r.getString(1));
            }
        }
        return names;
    }

    private long count(String sql) throws SQLException {
        try (Statement s = db.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    @Test
    void eachSwappedTableHasItsIndexesAndNoCopyIsLeft() throws SQLException {
        Conversion.Report r = Conversion.inPlace(db, false);
        assertThat(r.rows()).isEqualTo(SIZE.items() + SIZE.bids());
        assertThat(Conversion.hasColumn(db, "ITEMS", "START_PRICE")).isTrue();
        assertThat(Conversion.hasColumn(db, "BIDS", "AMOUNT")).isTrue();
        assertThat(indexes("ITEMS")).containsExactly("ITEMS_CATEGORY");
        assertThat(indexes("BIDS")).containsExactly("BIDS_ITEM", "BIDS_USER");
        assertThat(count("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_NAME LIKE '%\\_NEW' ESCAPE '\\'"
                + " OR TABLE_NAME LIKE '%\\_OLD' ESCAPE '\\'")).isZero();
    }

    @Test
    void aRollbackSwapsBackIndexedTablesToo() throws SQLException {
        Conversion.inPlace(db, false);
        Conversion.Report back = Conversion.reverseInPlace(db);
        assertThat(back.rows()).isEqualTo(SIZE.items() + SIZE.bids());
        assertThat(back.swaps()).extracting(Conversion.Swap::table).containsExactly("ITEMS", "BIDS");
        assertThat(Conversion.hasColumn(db, "ITEMS", "START_PRICE_CENTS")).isTrue();
        assertThat(indexes("ITEMS")).containsExactly("ITEMS_CATEGORY");
        assertThat(indexes("BIDS")).containsExactly("BIDS_ITEM", "BIDS_USER");
    }

    @Test
    void aSkippedItemsStepKeepsItsOldIndexAndConvertsBids() throws SQLException {
        Conversion.Report r = Conversion.inPlace(db, true);
        assertThat(r.skipped()).containsExactly("ITEMS");
        assertThat(Conversion.hasColumn(db, "ITEMS", "START_PRICE_CENTS")).isTrue();
        assertThat(indexes("ITEMS")).containsExactly("ITEMS_CATEGORY");
        assertThat(indexes("BIDS")).containsExactly("BIDS_ITEM", "BIDS_USER");
    }

    @Test
    void aRollbackAfterASkippedItemsStepConvertsBackOnlyBids() throws SQLException {
        Conversion.inPlace(db, true);
        Conversion.Report back = Conversion.reverseInPlace(db);
        assertThat(back.swaps()).extracting(Conversion.Swap::table).containsExactly("BIDS");
        assertThat(back.rows()).isEqualTo(SIZE.bids());
        assertThat(Conversion.hasColumn(db, "ITEMS", "START_PRICE_CENTS")).isTrue();
        assertThat(Conversion.hasColumn(db, "BIDS", "AMOUNT_CENTS")).isTrue();
    }

    @Test
    void aCopyIntoAnotherDatabaseReportsWhenItsSourceFinishedExporting(@TempDir Path scratch) throws SQLException {
        try (Connection to = DriverManager.getConnection("jdbc:h2:mem:copy-" + System.nanoTime(), "sa", "")) {
            BiddingSchema.createV2(to);
            long t0 = System.nanoTime();
            Conversion.Report r = Conversion.copyConverted(db, to, scratch, false);
            double elapsed = (System.nanoTime() - t0) / 1e9;
            assertThat(r.rows()).isEqualTo(SIZE.users() + SIZE.items() + SIZE.bids());
            // The source's export is part of the copy: it ends before the copy returns.
            assertThat(r.exportS()).isPresent();
            assertThat(r.exportS().getAsDouble()).isPositive().isLessThanOrEqualTo(elapsed);
            assertThat(Conversion.inPlace(db, false).exportS()).isEmpty();
        }
    }

    @Test
    void aConversionInPlaceReportsEachTablesSwapInOrder() throws SQLException {
        long t0 = System.nanoTime();
        Conversion.Report r = Conversion.inPlace(db, false);
        double elapsed = (System.nanoTime() - t0) / 1e9;
        assertThat(r.swaps()).extracting(Conversion.Swap::table).containsExactly("ITEMS", "BIDS");
        assertThat(r.swaps()).extracting(Conversion.Swap::rows).containsExactly((long) SIZE.items(), (long) SIZE.bids());
        assertThat(r.swaps().get(0).atS()).isPositive().isLessThanOrEqualTo(r.swaps().get(1).atS());
        assertThat(r.swaps().get(1).atS()).isLessThanOrEqualTo(elapsed);
    }

    @Test
    void aSkippedTableHasNoSwap() throws SQLException {
        assertThat(Conversion.inPlace(db, true).swaps()).extracting(Conversion.Swap::table).containsExactly("BIDS");
    }
}
