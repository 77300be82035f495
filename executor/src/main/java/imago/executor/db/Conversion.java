package imago.executor.db;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.OptionalDouble;

/**
 * The v1 -> v2 and v1 -> v1.1 data conversions, in the two ways plans use them: in place in one
 * database (in-place, rolling and canary upgrades), or copied and converted into another database
 * while the first keeps serving (blue-green and Imago). Both work in batches of rows, as a real
 * migration tool would, so a large table never sits in one transaction.
 */
public final class Conversion {

    /**
     * Rows converted, the tables left out on purpose (a skipped migration step), and, for a copy
     * into another database, the seconds the source spent exporting: the source runs ahead of the
     * target's load, so the production database's share of a copy ends before the copy does.
     */
    public record Report(long rows, List<String> skipped, OptionalDouble exportS, List<Swap> swaps) {
        public Report {
            skipped = List.copyOf(skipped);
            swaps = List.copyOf(swaps);
        }

        public Report(long rows, List<String> skipped, OptionalDouble exportS) {
            this(rows, skipped, exportS, List.of());
        }

        public Report(long rows, List<String> skipped) {
            this(rows, skipped, OptionalDouble.empty());
        }
    }

    /**
     * A table a conversion in place swapped in: its rows and when, in seconds from the conversion's
     * start. Old nodes fail on a table from its swap on, so when each swap comes is what a rolling
     * upgrade's availability turns on (sim-vs-real measures the tables' relative row costs from it).
     */
    public record Swap(String table, long rows, double atS) {
    }

    /** Rows a copy loaded, and the seconds its source took to export them all. */
    private record Copied(long rows, double exportS) {
    }

    private static final long COPY_BATCH = 200_000;

    private Conversion() {
    }

    // ------------------------------------------------------------------ in place

    private static final String ITEMS_V2 = "SELECT ID, SELLER_ID, CATEGORY, NAME,"
            + " CAST(START_PRICE_CENTS AS DECIMAL(14,2)) / 100 AS START_PRICE,"
            + " CAST(MAX_BID_CENTS AS DECIMAL(14,2)) / 100 AS MAX_BID, 'USD' AS CURRENCY, END_DATE FROM ITEMS";
    private static final String BIDS_V2 = "SELECT ID, ITEM_ID, USER_ID, CAST(AMOUNT_CENTS AS DECIMAL(14,2)) / 100 AS AMOUNT,"
            + " 'USD' AS CURRENCY, PLACED_AT, CONFIRMED FROM BIDS";
    private static final String ITEMS_V1 = "SELECT ID, SELLER_ID, CATEGORY, NAME, CAST(START_PRICE * 100 AS BIGINT),"
            + " CAST(MAX_BID * 100 AS BIGINT), END_DATE FROM ITEMS";
    /** What the catch-up pass re-copies: bids placed, and items bid on, since a time given as parameter. */
    private static final String RECENT = " WHERE PLACED_AT >= ?";
    private static final String RECENT_BIDS = "SELECT ID FROM BIDS" + RECENT;
    private static final String RECENTLY_BID_ITEMS = "SELECT DISTINCT ITEM_ID FROM BIDS" + RECENT;
    private static final String BIDS_V1 = "SELECT ID, ITEM_ID, USER_ID, CAST(AMOUNT * 100 AS BIGINT), PLACED_AT, CONFIRMED FROM BIDS";

    /**
     * Converts the database in place, table by table, as online schema-change tools do: a converted
     * copy is filled batch by batch and indexed, rows written meanwhile are caught up, then the
     * copy replaces the table, so each table's conversion ends at its swap. Writes an old node
     * makes between the catch-up and the swap are lost, and old nodes fail on the new schema from
     * the swap on: the hidden data dependency of a rolling upgrade.
     * When {@code skipItems}, the ITEMS step is left out (fault type 4).
     */
    public static Report inPlace(Connection c, boolean skipItems) throws SQLException {
        long rows = 0;
        List<Swap> swaps = new java.util.ArrayList<>();
        OnSwap timed = recordingInto(swaps);
        if (!skipItems && hasColumn(c, "ITEMS", "START_PRICE_CENTS")) {
            rows += swap(c, timed, "ITEMS", "CREATE TABLE ITEMS_NEW(ID BIGINT PRIMARY KEY, SELLER_ID BIGINT NOT NULL,"
                            + " CATEGORY INT NOT NULL, NAME VARCHAR(80) NOT NULL, START_PRICE DECIMAL(12,2) NOT NULL,"
                            + " MAX_BID DECIMAL(12,2) NOT NULL, CURRENCY CHAR(3) NOT NULL, END_DATE TIMESTAMP NOT NULL)",
                    ITEMS_V2, RECENTLY_BID_ITEMS);
        }
        if (hasColumn(c, "BIDS", "AMOUNT_CENTS")) {
            rows += swap(c, timed, "BIDS", "CREATE TABLE BIDS_NEW(ID BIGINT PRIMARY KEY, ITEM_ID BIGINT NOT NULL,"
                            + " USER_ID BIGINT NOT NULL, AMOUNT DECIMAL(12,2) NOT NULL, CURRENCY CHAR(3) NOT NULL,"
                            + " PLACED_AT TIMESTAMP NOT NULL, CONFIRMED BOOLEAN NOT NULL)",
                    BIDS_V2, RECENT_BIDS);
        }
        return new Report(rows, skipItems ? List.of("ITEMS") : List.of(), OptionalDouble.empty(), swaps);
    }

    /** v1.1's bids: v1's columns as they are, and the note no v1 row has. */
    private static final String BIDS_WITH_NOTE = "SELECT ID, ITEM_ID, USER_ID, AMOUNT_CENTS, PLACED_AT, CONFIRMED,"
            + " CAST(NULL AS VARCHAR(" + BiddingSchema.NOTE_LENGTH + ")) FROM BIDS";

    /**
     * The v1 -> v1.1 conversion in place: BIDS gains its nullable NOTE, online, while v1 serves on
     * (it names its columns, so it works on the copy as on the original). On H2 the table is copied
     * and caught up as {@link #inPlace} does (an {@code ALTER TABLE ... ADD COLUMN} copies it too,
     * but behind the application's back, losing the writes made meanwhile), and the copy gets its
     * indexes and the application's privileges before the swap, so v1's requests find both on it.
     * Unlike v2's swap this one loses no write: the bids placed or confirmed between the catch-up
     * and the swap are in the old table only, and are brought over from it after the swap (bids
     * are only inserted and confirmed, so a missing row and a confirmation are all there is).
     * PostgreSQL adds a nullable column without a default in its catalogue alone, rewriting no row;
     * the lock it takes waits only for the transactions in flight on BIDS, so there it stays an
     * {@code ALTER}, which loses nothing either.
     */
    public static Report addBidNote(Connection c) throws SQLException {
        long rows = 0;
        if (!hasColumn(c, "BIDS", "NOTE")) {
            if (Dialect.of(c) == Dialect.POSTGRESQL) {
                exec(c, "ALTER TABLE BIDS ADD COLUMN IF NOT EXISTS NOTE VARCHAR(" + BiddingSchema.NOTE_LENGTH + ")");
            } else {
                rows = fillCaughtUp(c, "BIDS", BiddingSchema.createBidsV1_1("BIDS_NEW"), BIDS_WITH_NOTE, RECENT_BIDS, copy -> {
                    BiddingSchema.createIndexes(copy, "BIDS", "BIDS_NEW", "_NEW");
                    exec(copy, "GRANT SELECT, INSERT, UPDATE ON BIDS_NEW TO " + BiddingSchema.APP_USER);
                });
                rename(c, "BIDS");
                bringOverLateBids(c);
                // A transaction begun on the old table may still commit there (v1's confirmation is
                // several statements): once every session busy at the swap has been idle, again.
                awaitSessionsBusyNow(c);
                bringOverLateBids(c);
                exec(c, "DROP TABLE BIDS_OLD");
                BiddingSchema.renameIndexes(c, "BIDS", "_NEW");
            }
        }
        BiddingSchema.createIndexes(c);
        return new Report(rows, List.of());
    }

    private static final long BUSY_WAIT_MS = 5_000;

    /**
     * Waits until every other session that has uncommitted changes or runs a statement now has
     * been seen without either (H2's {@code INFORMATION_SCHEMA.SESSIONS}), for at most
     * {@link #BUSY_WAIT_MS}: the testbed's transactions last milliseconds.
     */
    private static void awaitSessionsBusyNow(Connection c) throws SQLException {
        String busy = "SELECT SESSION_ID FROM INFORMATION_SCHEMA.SESSIONS WHERE SESSION_ID <> SESSION_ID()"
                + " AND (CONTAINS_UNCOMMITTED OR EXECUTING_STATEMENT IS NOT NULL)";
        java.util.Set<Long> waiting = new java.util.HashSet<>(sessions(c, busy));
        long until = System.nanoTime() + BUSY_WAIT_MS * 1_000_000;
        while (!waiting.isEmpty() && System.nanoTime() < until) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException("conversion interrupted", e);
            }
            waiting.retainAll(sessions(c, busy));
        }
    }

    private static List<Long> sessions(Connection c, String query) throws SQLException {
        List<Long> out = new java.util.ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(query)) {
            while (r.next()) {
                out.add(r.getLong(1));
            }
        }
        return out;
    }

    /** Bids placed, and confirmations made, in BIDS_OLD after the catch-up read it. */
    private static void bringOverLateBids(Connection c) throws SQLException {
        try (PreparedStatement ins = c.prepareStatement("INSERT INTO BIDS " + BIDS_WITH_NOTE.replace("FROM BIDS", "FROM BIDS_OLD O")
                + " WHERE O.PLACED_AT >= ? AND NOT EXISTS (SELECT 1 FROM BIDS B WHERE B.ID = O.ID)");
             PreparedStatement confirm = c.prepareStatement("UPDATE BIDS SET CONFIRMED = TRUE WHERE NOT CONFIRMED"
                     + " AND ID IN (SELECT ID FROM BIDS_OLD WHERE CONFIRMED AND PLACED_AT >= ?)")) {
            ins.setTimestamp(1, recentSince());
            ins.executeUpdate();
            confirm.setTimestamp(1, recentSince());
            confirm.executeUpdate();
        }
    }

    /**
     * Undoes {@link #inPlace} for whatever it converted (a table a skipped step left in the old
     * schema is left alone): the data of a rollback. Its swaps say which tables it converted back.
     */
    public static Report reverseInPlace(Connection c) throws SQLException {
        long rows = 0;
        List<Swap> swaps = new java.util.ArrayList<>();
        OnSwap timed = recordingInto(swaps);
        if (hasColumn(c, "ITEMS", "START_PRICE")) {
            rows += swap(c, timed, "ITEMS", "CREATE TABLE ITEMS_NEW(ID BIGINT PRIMARY KEY, SELLER_ID BIGINT NOT NULL,"
                            + " CATEGORY INT NOT NULL, NAME VARCHAR(80) NOT NULL, START_PRICE_CENTS BIGINT NOT NULL,"
                            + " MAX_BID_CENTS BIGINT NOT NULL, END_DATE TIMESTAMP NOT NULL)",
                    ITEMS_V1, RECENTLY_BID_ITEMS);
        }
        if (hasColumn(c, "BIDS", "AMOUNT")) {
            rows += swap(c, timed, "BIDS", "CREATE TABLE BIDS_NEW(ID BIGINT PRIMARY KEY, ITEM_ID BIGINT NOT NULL,"
                            + " USER_ID BIGINT NOT NULL, AMOUNT_CENTS BIGINT NOT NULL, PLACED_AT TIMESTAMP NOT NULL,"
                            + " CONFIRMED BOOLEAN NOT NULL)",
                    BIDS_V1, RECENT_BIDS);
        }
        return new Report(rows, List.of(), OptionalDouble.empty(), swaps);
    }

    /**
     * Fills {@code TABLE_NEW} from {@code select} in ID batches, indexes it, merges again the rows
     * added since and those {@code recentIds} names (written during the copy), and swaps it in for
     * {@code table}. The copy is indexed before the swap, as gh-ost and pt-online-schema-change
     * do: indexing after the last swap left the swapped tables unindexed for seconds, so old
     * nodes' queries on them timed out and the conversion's real end came seconds after its swaps.
     */
    private static long swap(Connection c, OnSwap onSwap, String table, String create, String select,
                             String recentIds) throws SQLException {
        long rows = fillCaughtUp(c, table, create, select, recentIds,
                copy -> BiddingSchema.createIndexes(copy, table, table + "_NEW", "_NEW"));
        rename(c, table);
        onSwap.swapped(table, rows);
        exec(c, "DROP TABLE " + table + "_OLD");
        BiddingSchema.renameIndexes(c, table, "_NEW");
        BiddingSchema.grantApp(c);
        return rows;
    }

    /** Records each swap into {@code swaps}, timed from now. */
    private static OnSwap recordingInto(List<Swap> swaps) {
        long t0 = System.nanoTime();
        return (table, n) -> swaps.add(new Swap(table, n, (System.nanoTime() - t0) / 1e9));
    }

    /** Told the moment a table's converted copy has been swapped in. */
    @FunctionalInterface
    private interface OnSwap {
        void swapped(String table, long rows);
    }

    /** Swaps {@code TABLE_NEW} in for {@code table}, which stays as {@code TABLE_OLD}. */
    private static void rename(Connection c, String table) throws SQLException {
        exec(c, "ALTER TABLE " + table + " RENAME TO " + table + "_OLD");
        exec(c, "ALTER TABLE " + table + "_NEW RENAME TO " + table);
    }

    /** What is done to the filled copy before its catch-up (which then stays short). */
    private interface BeforeCatchUp {
        void prepare(Connection c) throws SQLException;
    }

    /** The copy of {@link #swap} up to the swap itself: {@code TABLE_NEW} filled, prepared and caught up. */
    private static long fillCaughtUp(Connection c, String table, String create, String select, String recentIds,
                                     BeforeCatchUp prepare) throws SQLException {
        String fresh = table + "_NEW";
        exec(c, "DROP TABLE IF EXISTS " + fresh);
        exec(c, create);
        long[] range = idRange(c, table);
        long rows = 0;
        for (long lo = range[0]; lo <= range[1]; lo += COPY_BATCH) {
            long hi = Math.min(range[1], lo + COPY_BATCH - 1);
            try (Statement s = c.createStatement()) {
                rows += s.executeUpdate("INSERT INTO " + fresh + " " + select + " WHERE ID BETWEEN " + lo + " AND " + hi);
            }
        }
        prepare.prepare(c);
        try (Statement s = c.createStatement()) {
            // Rows added since the range was read: none of them is in the copy yet.
            s.executeUpdate("INSERT INTO " + fresh + " " + select + " WHERE ID > " + range[1]);
        }
        List<Long> recent = new java.util.ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(recentIds)) {
            s.setTimestamp(1, recentSince());
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    recent.add(r.getLong(1));
                }
            }
        }
        // Recently written rows are copied again: deleted from the copy, then inserted as they are now.
        try (PreparedStatement del = c.prepareStatement("DELETE FROM " + fresh + " WHERE ID = ANY(?)");
             PreparedStatement ins = c.prepareStatement("INSERT INTO " + fresh + " " + select + " WHERE ID = ANY(?)")) {
            for (int i = 0; i < recent.size(); i += 1000) {
                java.sql.Array ids = Dialect.ids(c, recent.subList(i, Math.min(recent.size(), i + 1000)));
                del.setArray(1, ids);
                del.executeUpdate();
                ins.setArray(1, ids);
                ins.executeUpdate();
            }
        }
        return rows;
    }

    /** Where "recently written" starts for a catch-up: rows placed in the last ten minutes. */
    private static java.sql.Timestamp recentSince() {
        return java.sql.Timestamp.from(java.time.Instant.now().minus(java.time.Duration.ofMinutes(10)));
    }

    // ------------------------------------------------------------------ into another database

    /**
     * Copies and converts the v1 data of {@code from} into the (empty) v2 schema of {@code to}:
     * each batch is exported by the source server with its conversion applied in the query, then
     * loaded by the target server ({@code CSVWRITE} / {@code CSVREAD} on H2, {@code COPY} on
     * PostgreSQL) through files in
     * {@code scratch}, the two servers working on consecutive batches at once. When
     * {@code skipItems}, the ITEMS step is left out (fault type 4).
     */
    public static Report copyConverted(Connection from, Connection to, Path scratch, boolean skipItems)
            throws SQLException {
        return copyAll(from, to, scratch, skipItems, ITEMS_TO_V2, BIDS_TO_V2);
    }

    /** Converts only the ITEMS table into {@code to}: the repair of a skipped ITEMS step. */
    public static long copyItems(Connection from, Connection to, Path scratch) throws SQLException {
        return replaceItems(from, to, scratch, ITEMS_TO_V2);
    }

    /**
     * Copies v1 data as it is into an empty database whose schema only adds nullable columns (the
     * compatible upgrade's): the columns both versions have, the added ones left NULL. When
     * {@code skipItems}, the ITEMS step is left out (fault type 4).
     */
    public static Report copyShared(Connection from, Connection to, Path scratch, boolean skipItems) throws SQLException {
        return copyAll(from, to, scratch, skipItems, ITEMS_AS_IS, BIDS_AS_IS);
    }

    /** Copies only the ITEMS table as it is into {@code to}: the repair of a skipped ITEMS step of {@link #copyShared}. */
    public static long copySharedItems(Connection from, Connection to, Path scratch) throws SQLException {
        return replaceItems(from, to, scratch, ITEMS_AS_IS);
    }

    private static final Table USERS_AS_IS = new Table("USERS", "SELECT ID, NICKNAME, REGION, RATING FROM USERS",
            "INSERT INTO USERS(ID, NICKNAME, REGION, RATING)");
    private static final Table ITEMS_TO_V2 = new Table("ITEMS", ITEMS_V2,
            "INSERT INTO ITEMS(ID, SELLER_ID, CATEGORY, NAME, START_PRICE, MAX_BID, CURRENCY, END_DATE)");
    private static final Table BIDS_TO_V2 = new Table("BIDS", BIDS_V2,
            "INSERT INTO BIDS(ID, ITEM_ID, USER_ID, AMOUNT, CURRENCY, PLACED_AT, CONFIRMED)");
    private static final Table ITEMS_AS_IS = new Table("ITEMS", "SELECT ID, SELLER_ID, CATEGORY, NAME, START_PRICE_CENTS,"
            + " MAX_BID_CENTS, END_DATE FROM ITEMS",
            "INSERT INTO ITEMS(ID, SELLER_ID, CATEGORY, NAME, START_PRICE_CENTS, MAX_BID_CENTS, END_DATE)");
    private static final Table BIDS_AS_IS = new Table("BIDS", "SELECT ID, ITEM_ID, USER_ID, AMOUNT_CENTS, PLACED_AT,"
            + " CONFIRMED FROM BIDS", "INSERT INTO BIDS(ID, ITEM_ID, USER_ID, AMOUNT_CENTS, PLACED_AT, CONFIRMED)");

    private static Report copyAll(Connection from, Connection to, Path scratch, boolean skipItems, Table items, Table bids)
            throws SQLException {
        List<Table> tables = skipItems ? List.of(USERS_AS_IS, bids) : List.of(USERS_AS_IS, items, bids);
        Copied c = copy(from, to, scratch, tables);
        return new Report(c.rows(), skipItems ? List.of("ITEMS") : List.of(), OptionalDouble.of(c.exportS()));
    }

    private static long replaceItems(Connection from, Connection to, Path scratch, Table items) throws SQLException {
        try (Statement s = to.createStatement()) {
            s.execute("DELETE FROM ITEMS");
        }
        return copy(from, to, scratch, List.of(items)).rows();
    }

    private record Table(String name, String select, String insert) {
    }

    private static Copied copy(Connection from, Connection to, Path scratch, List<Table> tables) throws SQLException {
        long t0 = System.nanoTime();
        java.util.concurrent.ExecutorService loader = java.util.concurrent.Executors.newSingleThreadExecutor(
                Thread.ofVirtual().name("csv-load").factory());
        List<java.util.concurrent.Future<Integer>> loads = new java.util.ArrayList<>();
        boolean postgres = Dialect.of(from) == Dialect.POSTGRESQL;
        try {
            for (Table t : tables) {
                long[] range = idRange(from, t.name());
                for (long lo = range[0]; lo <= range[1]; lo += COPY_BATCH) {
                    long hi = Math.min(range[1], lo + COPY_BATCH - 1);
                    Path file = scratch.resolve(t.name().toLowerCase(java.util.Locale.ROOT) + "-" + lo + ".csv").toAbsolutePath();
                    String batch = t.select() + " WHERE ID BETWEEN " + lo + " AND " + hi;
                    if (postgres) {
                        PostgresCopy.export(from, batch, file);
                    } else {
                        try (PreparedStatement w = from.prepareStatement("CALL CSVWRITE(?, ?, 'charset=UTF-8')")) {
                            w.setString(1, file.toString());
                            w.setString(2, batch);
                            w.execute();
                        }
                    }
                    // The target loads this batch while the source exports the next one.
                    loads.add(loader.submit(() -> {
                        try (Statement r = to.createStatement()) {
                            if (postgres) {
                                return (int) PostgresCopy.load(to, t.insert().replaceFirst("^INSERT INTO ", ""), file);
                            }
                            return r.executeUpdate(t.insert() + " SELECT * FROM CSVREAD('"
                                    + file.toString().replace("'", "''") + "', NULL, 'charset=UTF-8')");
                        } finally {
                            Files.deleteIfExists(file);
                        }
                    }));
                }
            }
            double exportS = (System.nanoTime() - t0) / 1e9;
            long rows = 0;
            for (var f : loads) {
                rows += f.get();
            }
            return new Copied(rows, exportS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.sql.SQLException("conversion interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof SQLException se) {
                throw se;
            }
            throw new SQLException("loading a batch failed: " + e.getCause(), e.getCause());
        } finally {
            loader.shutdownNow();
        }
    }

    // ------------------------------------------------------------------ helpers

    /** {min, max} of the table's IDs; {1, 0} when it is empty. */
    static long[] idRange(Connection c, String table) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT MIN(ID), MAX(ID) FROM " + table)) {
            r.next();
            long min = r.getLong(1);
            if (r.wasNull()) {
                return new long[] {1, 0};
            }
            return new long[] {min, r.getLong(2)};
        }
    }

    public static boolean hasColumn(Connection c, String table, String column) throws SQLException {
        // Unquoted names are upper case in H2, lower case in PostgreSQL.
        try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM INFORMATION_SCHEMA.COLUMNS"
                + " WHERE UPPER(TABLE_SCHEMA) = 'PUBLIC' AND UPPER(TABLE_NAME) = ? AND UPPER(COLUMN_NAME) = ?")) {
            s.setString(1, table);
            s.setString(2, column);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1) > 0;
            }
        }
    }

    private static void exec(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
