package imago.executor.testbed;

import imago.executor.DataSize;
import imago.executor.db.BiddingSchema;
import imago.executor.db.ChangeCapture;
import imago.executor.db.Conversion;
import imago.executor.db.Sync;
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

import static org.assertj.core.api.Assertions.assertThat;

/** The compatible upgrade's data conversion (v1 -> v1.1) on real H2 databases, and v1 on its result. */
class MigrationTest {

    private static final DataSize SIZE = new DataSize(50, 40, 200);
    private final Migration added = new Migration.AddedColumn();
    private Connection v1;
    private Connection v11;

    @BeforeEach
    void setUp() throws SQLException {
        String a = "jdbc:h2:mem:migration-v1-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1";
        String b = "jdbc:h2:mem:migration-v11-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1";
        v1 = DriverManager.getConnection(a, "sa", "");
        v11 = DriverManager.getConnection(b, "sa", "");
        BiddingSchema.createV1(v1);
        BiddingSchema.createAppUser(v1, "pw");
        BiddingSchema.seed(() -> DriverManager.getConnection(a, "sa", ""), SIZE, 7);
        added.createNewSchema(v11);
        BiddingSchema.createAppUser(v11, "pw");
    }

    @AfterEach
    void tearDown() throws SQLException {
        v1.close();
        v11.close();
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    private static void exec(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** v1's own write and read of bids, as its API runs them (named columns, no NOTE). */
    private static void v1Works(Connection c, long bid) throws SQLException {
        exec(c, "INSERT INTO BIDS(ID, ITEM_ID, USER_ID, AMOUNT_CENTS, PLACED_AT, CONFIRMED) SELECT " + bid
                + ", ID, 1, 900, CURRENT_TIMESTAMP, FALSE FROM ITEMS WHERE ID = 1");
        assertThat(count(c, "SELECT COUNT(*) FROM (SELECT ID, USER_ID, AMOUNT_CENTS FROM BIDS WHERE ITEM_ID = 1)")).isPositive();
    }

    @Test
    void inPlaceAddsTheNullableColumnAndV1KeepsWorking() throws SQLException {
        Conversion.Report r = added.inPlace(v1, false);
        assertThat(r.skipped()).isEmpty();
        assertThat(Conversion.hasColumn(v1, "BIDS", "NOTE")).isTrue();
        assertThat(count(v1, "SELECT COUNT(*) FROM BIDS")).isEqualTo(SIZE.bids());
        assertThat(count(v1, "SELECT COUNT(*) FROM BIDS WHERE NOTE IS NULL")).isEqualTo(SIZE.bids());
        v1Works(v1, 10_001);
        // Going back converts nothing: the old version reads the new schema; the column stays.
        assertThat(added.back(v1).rows()).isZero();
        assertThat(Conversion.hasColumn(v1, "BIDS", "NOTE")).isTrue();
        // Again is harmless (a repair re-runs it).
        added.inPlace(v1, false);
    }

    @Test
    void inPlaceCopiesBidsUnchangedAndSwapsThemInForTheApplication() throws SQLException {
        String bids = "SELECT SUM(ID * 7 + ITEM_ID * 5 + USER_ID * 3 + AMOUNT_CENTS) + SUM(CASE WHEN CONFIRMED THEN 1 ELSE 0 END) FROM BIDS";
        long before = count(v1, bids);
        Conversion.Report r = added.inPlace(v1, false);
        // H2 would rewrite the table for an ADD COLUMN behind the application's back: a copy and swap instead.
        assertThat(r.rows()).isEqualTo(SIZE.bids());
        assertThat(count(v1, bids)).isEqualTo(before);
        assertThat(count(v1, "SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_NAME LIKE 'BIDS_%'")).isZero();
        assertThat(count(v1, "SELECT COUNT(*) FROM INFORMATION_SCHEMA.INDEXES WHERE TABLE_NAME = 'BIDS'"
                + " AND INDEX_NAME IN ('BIDS_ITEM', 'BIDS_USER')")).isEqualTo(2);
        // The application's user keeps its privileges on the new table, for v1's writes and v1.1's.
        String url = v1.getMetaData().getURL();
        try (Connection app = DriverManager.getConnection(url, BiddingSchema.APP_USER, "pw")) {
            v1Works(app, 10_002);
            exec(app, "INSERT INTO BIDS(ID, ITEM_ID, USER_ID, AMOUNT_CENTS, PLACED_AT, CONFIRMED, NOTE)"
                    + " VALUES (10003, 1, 1, 950, CURRENT_TIMESTAMP, FALSE, 'a note')");
            exec(app, "UPDATE BIDS SET CONFIRMED = TRUE WHERE ID = 10003");
        }
        assertThat(count(v1, "SELECT COUNT(*) FROM BIDS WHERE NOTE IS NOT NULL")).isEqualTo(1);
    }

    /**
     * v1 keeps writing while BIDS is copied and swapped: every bid and confirmation it saw
     * acknowledged is in the new table, those made between the catch-up and the swap included.
     */
    @Test
    void inPlaceLosesNoWriteV1MakesMeanwhile() throws Exception {
        String url = "jdbc:h2:mem:migration-online-" + System.nanoTime();
        try (Connection admin = DriverManager.getConnection(url, "sa", "")) {
            BiddingSchema.createV1(admin);
            BiddingSchema.createAppUser(admin, "pw");
            BiddingSchema.seed(() -> DriverManager.getConnection(url, "sa", ""), new DataSize(50, 40, 20_000), 7);
            java.util.Set<Long> placed = java.util.concurrent.ConcurrentHashMap.newKeySet();
            java.util.Set<Long> confirmed = java.util.concurrent.ConcurrentHashMap.newKeySet();
            java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
            java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(50);
            java.util.concurrent.atomic.AtomicReference<Throwable> broke = new java.util.concurrent.atomic.AtomicReference<>();
            Thread writer = Thread.ofPlatform().uncaughtExceptionHandler((t, x) -> {
                broke.set(x);
                stop.set(true);
            }).start(() -> {
                try (Connection app = DriverManager.getConnection(url, BiddingSchema.APP_USER, "pw")) {
                    for (long id = 100_000; !stop.get(); id++) {
                        try {
                            v1Places(app, id);
                            placed.add(id);
                            // v1's confirmation of the bid placed before this one.
                            if (placed.contains(id - 1) && v1Confirms(app, id - 1)) {
                                confirmed.add(id - 1);
                            }
                        } catch (SQLException refusedMidSwap) {
                            // Not acknowledged, so nothing to find afterwards.
                        }
                        started.countDown();
                    }
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            while (!started.await(100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                assertThat(broke.get()).as("the writer").isNull();
            }
            Conversion.Report r = added.inPlace(admin, false);
            Thread.sleep(50);
            stop.set(true);
            writer.join();
            assertThat(broke.get()).as("the writer").isNull();
            assertThat(r.rows()).isGreaterThanOrEqualTo(20_000);
            assertThat(placed).hasSizeGreaterThan(50);
            String ids = placed.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(","));
            assertThat(count(admin, "SELECT COUNT(*) FROM BIDS WHERE ID IN (" + ids + ")")).isEqualTo(placed.size());
            String done = confirmed.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(","));
            if (!confirmed.isEmpty()) {
                assertThat(count(admin, "SELECT COUNT(*) FROM BIDS WHERE CONFIRMED AND ID IN (" + done + ")"))
                        .isEqualTo(confirmed.size());
            }
        }
    }

    /** v1's place-bid insert (testbed/bidding-v1 Api.java). */
    private static void v1Places(Connection app, long id) throws SQLException {
        try (java.sql.PreparedStatement s = app.prepareStatement("INSERT INTO BIDS(ID, ITEM_ID, USER_ID, AMOUNT_CENTS, PLACED_AT,"
                + " CONFIRMED) SELECT ?, ID, ?, ?, CURRENT_TIMESTAMP, FALSE FROM ITEMS WHERE ID = ?")) {
            s.setLong(1, id);
            s.setLong(2, 1);
            s.setLong(3, 500);
            s.setLong(4, 1 + id % 40);
            s.executeUpdate();
        }
    }

    /** v1's confirmation, one transaction of several statements as its API runs it; whether it found the bid. */
    private static boolean v1Confirms(Connection app, long id) throws SQLException {
        app.setAutoCommit(false);
        try (java.sql.PreparedStatement find = app.prepareStatement("SELECT ITEM_ID, AMOUNT_CENTS, CONFIRMED FROM BIDS WHERE ID = ? FOR UPDATE");
             java.sql.PreparedStatement confirm = app.prepareStatement("UPDATE BIDS SET CONFIRMED = TRUE WHERE ID = ?")) {
            find.setLong(1, id);
            try (ResultSet r = find.executeQuery()) {
                if (!r.next()) {
                    app.rollback();
                    return false;
                }
            }
            confirm.setLong(1, id);
            boolean found = confirm.executeUpdate() == 1;
            app.commit();
            return found;
        } catch (SQLException e) {
            app.rollback();
            throw e;
        } finally {
            app.setAutoCommit(true);
        }
    }

    @Test
    void aSkippedStepLeavesTheColumnOut() throws SQLException {
        Conversion.Report r = added.inPlace(v1, true);
        assertThat(r.skipped()).containsExactly("BIDS.NOTE");
        assertThat(Conversion.hasColumn(v1, "BIDS", "NOTE")).isFalse();
    }

    @Test
    void copiesIntoTheNewSchemaAsItIsAndRedoesASkippedItemsStep(@TempDir Path scratch) throws SQLException {
        Conversion.Report r = added.copy(v1, v11, scratch, true);
        assertThat(r.skipped()).containsExactly("ITEMS");
        assertThat(count(v11, "SELECT COUNT(*) FROM ITEMS")).isZero();
        assertThat(count(v11, "SELECT COUNT(*) FROM BIDS")).isEqualTo(SIZE.bids());
        assertThat(added.copyItems(v1, v11, scratch)).isEqualTo(SIZE.items());
        assertThat(count(v11, "SELECT SUM(START_PRICE_CENTS) + SUM(MAX_BID_CENTS) FROM ITEMS"))
                .isEqualTo(count(v1, "SELECT SUM(START_PRICE_CENTS) + SUM(MAX_BID_CENTS) FROM ITEMS"));
        assertThat(count(v11, "SELECT SUM(AMOUNT_CENTS) FROM BIDS")).isEqualTo(count(v1, "SELECT SUM(AMOUNT_CENTS) FROM BIDS"));
    }

    @Test
    void syncsTheSharedColumnsBothWays(@TempDir Path scratch) throws SQLException {
        added.copy(v1, v11, scratch, false);
        ChangeCapture.install(v1);
        exec(v1, "INSERT INTO BIDS(ID, ITEM_ID, USER_ID, AMOUNT_CENTS, PLACED_AT, CONFIRMED) VALUES (5000, 1, 1, 777, CURRENT_TIMESTAMP, FALSE)");
        exec(v1, "UPDATE ITEMS SET MAX_BID_CENTS = 99999 WHERE ID = 2");
        Sync forward = new Sync(v1, v11, Sync.Direction.FORWARD, added.columns());
        Sync.Pass p = forward.pass(100);
        assertThat(p.backlog()).isZero();
        assertThat(count(v11, "SELECT AMOUNT_CENTS FROM BIDS WHERE ID = 5000 AND NOTE IS NULL")).isEqualTo(777);
        assertThat(count(v11, "SELECT MAX_BID_CENTS FROM ITEMS WHERE ID = 2")).isEqualTo(99999);
        // Back: a v1.1 bid with a note and a confirmation reach v1, the note left behind.
        ChangeCapture.install(v11);
        exec(v11, "INSERT INTO BIDS(ID, ITEM_ID, USER_ID, AMOUNT_CENTS, PLACED_AT, CONFIRMED, NOTE) VALUES (5001, 1, 1, 888, CURRENT_TIMESTAMP, TRUE, 'hi')");
        exec(v11, "UPDATE BIDS SET CONFIRMED = TRUE WHERE ID = 5000");
        new Sync(v11, v1, Sync.Direction.BACKWARD, added.columns()).pass(100);
        assertThat(count(v1, "SELECT COUNT(*) FROM BIDS WHERE ID IN (5000, 5001) AND CONFIRMED")).isEqualTo(2);
        assertThat(count(v1, "SELECT AMOUNT_CENTS FROM BIDS WHERE ID = 5001")).isEqualTo(888);
        assertThat(Conversion.hasColumn(v1, "BIDS", "NOTE")).isFalse();
    }
}
