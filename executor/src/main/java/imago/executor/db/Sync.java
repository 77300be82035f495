package imago.executor.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The incremental sync: reads the captured changes, reads those rows' current state in the source
 * database, converts them, writes them into the target database, and only then deletes the changes
 * it applied. {@link Direction#FORWARD} carries v1 production writes into the v2 universe before and
 * around a switch; {@link Direction#BACKWARD} carries the v2 universe's writes back into the v1
 * database when a switch is reversed. Consuming by deletion, not by a high-water mark, matters: change numbers are handed out
 * when a transaction writes, not when it commits, so a change with a lower number can become
 * visible after one with a higher number (a high-water mark would skip it: a lost write). Applying
 * a row twice is harmless (it is an upsert of the current state), so capture and bulk copy may
 * overlap. Items' highest bid only ever grows, in both universes, so it merges as the greater; a
 * bid's confirmation only ever goes from false to true, so backwards it merges as either.
 *
 * <p>Not thread-safe: one sync runs at a time (the executor serialises passes).
 */
public final class Sync {

    /** One pass: the changes read, the distinct rows applied, and the changes still waiting. */
    public record Pass(long changes, long rows, long backlog) {
    }

    /** Which way the data flows: v1 cents into v2 decimals, or back. */
    public enum Direction { FORWARD, BACKWARD }

    /**
     * What a row becomes on the way: {@code CONVERTED} between v1 cents and v2 decimals; {@code SHARED}
     * when the new schema only adds nullable columns (v1.1), so the columns both have are copied as
     * they are and the added ones are left alone (backwards they are lost: v1's schema lacks them).
     */
    public enum Columns { CONVERTED, SHARED }

    private final Connection from;
    private final Connection to;
    private final Direction direction;
    private final Columns columns;

    /** A forward sync (v1 into v2). */
    public Sync(Connection from, Connection to) {
        this(from, to, Direction.FORWARD, Columns.CONVERTED);
    }

    public Sync(Connection from, Connection to, Direction direction, Columns columns) {
        this.from = from;
        this.to = to;
        this.direction = direction;
        this.columns = columns;
    }

    /** Changes captured but not yet applied. */
    public long backlog() throws SQLException {
        try (PreparedStatement s = from.prepareStatement("SELECT COUNT(*) FROM " + ChangeCapture.TABLE)) {
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    /** Applies up to {@code max} captured changes. */
    public Pass pass(int max) throws SQLException {
        Map<String, Set<Long>> rows = new LinkedHashMap<>();
        List<Long> seqs = new ArrayList<>();
        try (PreparedStatement s = from.prepareStatement("SELECT SEQ, TBL, ROW_ID FROM " + ChangeCapture.TABLE
                + " ORDER BY SEQ LIMIT ?")) {
            s.setInt(1, max);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    seqs.add(r.getLong(1));
                    rows.computeIfAbsent(r.getString(2), k -> new LinkedHashSet<>()).add(r.getLong(3));
                }
            }
        }
        long changes = seqs.size();
        long distinct = 0;
        boolean auto = to.getAutoCommit();
        to.setAutoCommit(false);
        try {
            for (var e : rows.entrySet()) {
                distinct += apply(e.getKey(), List.copyOf(e.getValue()));
            }
            to.commit();
        } catch (SQLException e) {
            to.rollback();
            throw e;
        } finally {
            to.setAutoCommit(auto);
        }
        try (PreparedStatement d = from.prepareStatement("DELETE FROM " + ChangeCapture.TABLE + " WHERE SEQ = ANY(?)")) {
            d.setArray(1, Dialect.ids(from, seqs));
            d.executeUpdate();
        }
        return new Pass(changes, distinct, backlog());
    }

    private long apply(String table, List<Long> ids) throws SQLException {
        return switch (table) {
            case "USERS" -> users(ids);
            case "ITEMS" -> columns == Columns.SHARED ? itemsShared(ids)
                    : direction == Direction.FORWARD ? items(ids) : itemsBack(ids);
            case "BIDS" -> columns == Columns.SHARED ? bidsShared(ids)
                    : direction == Direction.FORWARD ? bids(ids) : bidsBack(ids);
            default -> 0;
        };
    }

    private long users(List<Long> ids) throws SQLException {
        List<Long> present = copy(ids, "SELECT ID, NICKNAME, REGION, RATING FROM USERS WHERE ID = ANY(?)",
                "UPDATE USERS SET NICKNAME = ?, REGION = ?, RATING = ? WHERE ID = ?",
                "INSERT INTO USERS(NICKNAME, REGION, RATING, ID) VALUES (?, ?, ?, ?)", (rs, w) -> {
                    w.setString(1, rs.getString(2));
                    w.setInt(2, rs.getInt(3));
                    w.setInt(3, rs.getInt(4));
                    w.setLong(4, rs.getLong(1));
                });
        // No deletions backwards: the application never deletes, and a row missing from a broken
        // universe must not erase the old universe's copy.
        if (direction == Direction.FORWARD) {
            deleteMissing("USERS", ids, present);
        }
        return ids.size();
    }

    private long items(List<Long> ids) throws SQLException {
        List<Long> present = copy(ids, "SELECT ID, SELLER_ID, CATEGORY, NAME, START_PRICE_CENTS, MAX_BID_CENTS, END_DATE"
                        + " FROM ITEMS WHERE ID = ANY(?)",
                "UPDATE ITEMS SET SELLER_ID = ?, CATEGORY = ?, NAME = ?, START_PRICE = ?,"
                        + " MAX_BID = GREATEST(MAX_BID, ?), CURRENCY = 'USD', END_DATE = ? WHERE ID = ?",
                "INSERT INTO ITEMS(SELLER_ID, CATEGORY, NAME, START_PRICE, MAX_BID, END_DATE, ID, CURRENCY)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, 'USD')", (rs, w) -> {
                    w.setLong(1, rs.getLong(2));
                    w.setInt(2, rs.getInt(3));
                    w.setString(3, rs.getString(4));
                    w.setBigDecimal(4, java.math.BigDecimal.valueOf(rs.getLong(5), 2));
                    w.setBigDecimal(5, java.math.BigDecimal.valueOf(rs.getLong(6), 2));
                    w.setTimestamp(6, rs.getTimestamp(7));
                    w.setLong(7, rs.getLong(1));
                });
        deleteMissing("ITEMS", ids, present);
        return ids.size();
    }

    private long bids(List<Long> ids) throws SQLException {
        List<Long> present = copy(ids, "SELECT ID, ITEM_ID, USER_ID, AMOUNT_CENTS, PLACED_AT, CONFIRMED FROM BIDS WHERE ID = ANY(?)",
                "UPDATE BIDS SET ITEM_ID = ?, USER_ID = ?, AMOUNT = ?, CURRENCY = 'USD', PLACED_AT = ?, CONFIRMED = ? WHERE ID = ?",
                "INSERT INTO BIDS(ITEM_ID, USER_ID, AMOUNT, CURRENCY, PLACED_AT, CONFIRMED, ID) VALUES (?, ?, ?, 'USD', ?, ?, ?)",
                (rs, w) -> {
                    w.setLong(1, rs.getLong(2));
                    w.setLong(2, rs.getLong(3));
                    w.setBigDecimal(3, java.math.BigDecimal.valueOf(rs.getLong(4), 2));
                    w.setTimestamp(4, rs.getTimestamp(5));
                    w.setBoolean(5, rs.getBoolean(6));
                    w.setLong(6, rs.getLong(1));
                });
        deleteMissing("BIDS", ids, present);
        return ids.size();
    }

    /** v2 items back into v1: decimals to cents; the highest bid merges as the greater. */
    private long itemsBack(List<Long> ids) throws SQLException {
        itemsInCents(ids, "SELECT ID, SELLER_ID, CATEGORY, NAME, START_PRICE, MAX_BID, END_DATE FROM ITEMS WHERE ID = ANY(?)",
                (rs, i) -> cents(rs.getBigDecimal(i)));
        return ids.size();
    }

    /** v2 bids back into v1: decimals to cents; a confirmation already made in v1 stays. */
    private long bidsBack(List<Long> ids) throws SQLException {
        bidsInCents(ids, "SELECT ID, ITEM_ID, USER_ID, AMOUNT, PLACED_AT, CONFIRMED FROM BIDS WHERE ID = ANY(?)",
                (rs, i) -> cents(rs.getBigDecimal(i)));
        return ids.size();
    }

    /** Items in cents both ways (v1 and v1.1, {@link Columns#SHARED}). */
    private long itemsShared(List<Long> ids) throws SQLException {
        List<Long> present = itemsInCents(ids, "SELECT ID, SELLER_ID, CATEGORY, NAME, START_PRICE_CENTS, MAX_BID_CENTS,"
                + " END_DATE FROM ITEMS WHERE ID = ANY(?)", ResultSet::getLong);
        if (direction == Direction.FORWARD) {
            deleteMissing("ITEMS", ids, present);
        }
        return ids.size();
    }

    /** Bids in cents both ways (v1 and v1.1, {@link Columns#SHARED}). */
    private long bidsShared(List<Long> ids) throws SQLException {
        List<Long> present = bidsInCents(ids, "SELECT ID, ITEM_ID, USER_ID, AMOUNT_CENTS, PLACED_AT, CONFIRMED FROM BIDS"
                + " WHERE ID = ANY(?)", ResultSet::getLong);
        if (direction == Direction.FORWARD) {
            deleteMissing("BIDS", ids, present);
        }
        return ids.size();
    }

    /** A source row's money column as cents. */
    @FunctionalInterface
    private interface Cents {
        long of(ResultSet source, int column) throws SQLException;
    }

    /** Upserts items into a schema in cents; the highest bid merges as the greater. Returns the IDs found. */
    private List<Long> itemsInCents(List<Long> ids, String select, Cents money) throws SQLException {
        return copy(ids, select,
                "UPDATE ITEMS SET SELLER_ID = ?, CATEGORY = ?, NAME = ?,"
                        + " START_PRICE_CENTS = ?, MAX_BID_CENTS = GREATEST(MAX_BID_CENTS, ?), END_DATE = ? WHERE ID = ?",
                "INSERT INTO ITEMS(SELLER_ID, CATEGORY, NAME, START_PRICE_CENTS, MAX_BID_CENTS, END_DATE, ID)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?)", (rs, w) -> {
                    w.setLong(1, rs.getLong(2));
                    w.setInt(2, rs.getInt(3));
                    w.setString(3, rs.getString(4));
                    w.setLong(4, money.of(rs, 5));
                    w.setLong(5, money.of(rs, 6));
                    w.setTimestamp(6, rs.getTimestamp(7));
                    w.setLong(7, rs.getLong(1));
                });
    }

    /** Upserts bids into a schema in cents; a confirmation already made in the target stays. Returns the IDs found. */
    private List<Long> bidsInCents(List<Long> ids, String select, Cents money) throws SQLException {
        return copy(ids, select,
                "UPDATE BIDS SET ITEM_ID = ?, USER_ID = ?, AMOUNT_CENTS = ?, PLACED_AT = ?, CONFIRMED = (CONFIRMED OR ?) WHERE ID = ?",
                "INSERT INTO BIDS(ITEM_ID, USER_ID, AMOUNT_CENTS, PLACED_AT, CONFIRMED, ID) VALUES (?, ?, ?, ?, ?, ?)",
                (rs, w) -> {
                    w.setLong(1, rs.getLong(2));
                    w.setLong(2, rs.getLong(3));
                    w.setLong(3, money.of(rs, 4));
                    w.setTimestamp(4, rs.getTimestamp(5));
                    w.setBoolean(5, rs.getBoolean(6));
                    w.setLong(6, rs.getLong(1));
                });
    }

    /** Binds one source row's converted values to the update or the insert (same parameter order). */
    @FunctionalInterface
    private interface Binder {
        void bind(ResultSet source, PreparedStatement target) throws SQLException;
    }

    /** Reads rows {@code ids} from the source and upserts each, converted, into the target; returns the IDs found. */
    private List<Long> copy(List<Long> ids, String select, String update, String insert, Binder binder) throws SQLException {
        List<Long> present = new ArrayList<>();
        try (PreparedStatement r = from.prepareStatement(select);
             PreparedStatement u = to.prepareStatement(update);
             PreparedStatement i = to.prepareStatement(insert)) {
            r.setArray(1, Dialect.ids(from, ids));
            try (ResultSet rs = r.executeQuery()) {
                while (rs.next()) {
                    present.add(rs.getLong(1));
                    binder.bind(rs, u);
                    binder.bind(rs, i);
                    upsert(u, i);
                }
            }
        }
        return present;
    }

    /**
     * Updates the row, else inserts it: an upsert both servers understand. Only the sync writes
     * rows the target lacks (the application never inserts an ID the sync may carry), so the two
     * statements cannot race with another insert of the same row.
     */
    private static void upsert(PreparedStatement update, PreparedStatement insert) throws SQLException {
        if (update.executeUpdate() == 0) {
            insert.executeUpdate();
        }
    }

    /** A v2 amount (dollars with two decimals) as v1 cents; exact, or an error. */
    static long cents(java.math.BigDecimal amount) {
        return amount.movePointRight(2).longValueExact();
    }

    private void deleteMissing(String table, List<Long> ids, List<Long> present) throws SQLException {
        List<Long> gone = new ArrayList<>(ids);
        gone.removeAll(present);
        if (gone.isEmpty()) {
            return;
        }
        try (PreparedStatement d = to.prepareStatement("DELETE FROM " + table + " WHERE ID = ANY(?)")) {
            d.setArray(1, Dialect.ids(to, gone));
            d.executeUpdate();
        }
    }
}
