package imago.executor.db;

import imago.executor.DataSize;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The bidding service's schemas and the data generator.
 *
 * <p>v1 keeps money in integer cents ({@code START_PRICE_CENTS}, {@code MAX_BID_CENTS},
 * {@code AMOUNT_CENTS}); v2 in decimals with a currency ({@code START_PRICE}, {@code MAX_BID},
 * {@code AMOUNT}, {@code CURRENCY}). The change is incompatible: each version fails on the other's
 * schema, so the data must really be converted. v1.1 only adds the nullable {@code BIDS.NOTE}: a
 * compatible change, v1 runs on v1.1's schema.
 */
public final class BiddingSchema {

    /** The application's database user: it may read and write the data, nothing more. */
    public static final String APP_USER = "APP";

    private BiddingSchema() {
    }

    public static void createV1(Connection c) throws SQLException {
        createV1UsersAndItems(c);
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE BIDS(ID BIGINT PRIMARY KEY, ITEM_ID BIGINT NOT NULL, USER_ID BIGINT NOT NULL,"
                    + " AMOUNT_CENTS BIGINT NOT NULL, PLACED_AT TIMESTAMP NOT NULL, CONFIRMED BOOLEAN NOT NULL)");
        }
    }

    /** The longest bid note v1.1 stores. */
    public static final int NOTE_LENGTH = 200;

    /** v1.1: v1's tables, BIDS with the bid note, a nullable column v1 neither reads nor writes. */
    public static void createV1_1(Connection c) throws SQLException {
        createV1UsersAndItems(c);
        try (Statement s = c.createStatement()) {
            s.execute(createBidsV1_1("BIDS"));
        }
    }

    /** USERS and ITEMS, which v1 and v1.1 share. */
    private static void createV1UsersAndItems(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE USERS(ID BIGINT PRIMARY KEY, NICKNAME VARCHAR(40) NOT NULL, REGION INT NOT NULL,"
                    + " RATING INT NOT NULL)");
            s.execute("CREATE TABLE ITEMS(ID BIGINT PRIMARY KEY, SELLER_ID BIGINT NOT NULL, CATEGORY INT NOT NULL,"
                    + " NAME VARCHAR(80) NOT NULL, START_PRICE_CENTS BIGINT NOT NULL, MAX_BID_CENTS BIGINT NOT NULL,"
                    + " END_DATE TIMESTAMP NOT NULL)");
        }
    }

    /** The statement that creates v1.1's bid table under {@code name} (the conversion fills a copy so named). */
    static String createBidsV1_1(String name) {
        return "CREATE TABLE " + name + "(ID BIGINT PRIMARY KEY, ITEM_ID BIGINT NOT NULL, USER_ID BIGINT NOT NULL,"
                + " AMOUNT_CENTS BIGINT NOT NULL, PLACED_AT TIMESTAMP NOT NULL, CONFIRMED BOOLEAN NOT NULL,"
                + " NOTE VARCHAR(" + NOTE_LENGTH + "))";
    }

    public static void createV2(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE USERS(ID BIGINT PRIMARY KEY, NICKNAME VARCHAR(40) NOT NULL, REGION INT NOT NULL,"
                    + " RATING INT NOT NULL)");
            s.execute("CREATE TABLE ITEMS(ID BIGINT PRIMARY KEY, SELLER_ID BIGINT NOT NULL, CATEGORY INT NOT NULL,"
                    + " NAME VARCHAR(80) NOT NULL, START_PRICE DECIMAL(12,2) NOT NULL, MAX_BID DECIMAL(12,2) NOT NULL,"
                    + " CURRENCY CHAR(3) NOT NULL, END_DATE TIMESTAMP NOT NULL)");
            s.execute("CREATE TABLE BIDS(ID BIGINT PRIMARY KEY, ITEM_ID BIGINT NOT NULL, USER_ID BIGINT NOT NULL,"
                    + " AMOUNT DECIMAL(12,2) NOT NULL, CURRENCY CHAR(3) NOT NULL, PLACED_AT TIMESTAMP NOT NULL,"
                    + " CONFIRMED BOOLEAN NOT NULL)");
        }
    }

    /** The indexes the queries need; made after a bulk load, which is faster than maintaining them. */
    public static void createIndexes(Connection c) throws SQLException {
        createIndexes(c, "ITEMS", "ITEMS", "");
        createIndexes(c, "BIDS", "BIDS", "");
    }

    /** An index the queries need, by its name in the schema. */
    private record Index(String name, String columns) {
    }

    /** {@code table}'s indexes (USERS has none but its key). */
    private static List<Index> indexesOf(String table) {
        return switch (table) {
            case "ITEMS" -> List.of(new Index("ITEMS_CATEGORY", "CATEGORY, ID"));
            case "BIDS" -> List.of(new Index("BIDS_ITEM", "ITEM_ID"), new Index("BIDS_USER", "USER_ID"));
            default -> throw new IllegalArgumentException("no indexes are defined for table " + table);
        };
    }

    /**
     * {@code table}'s indexes made on {@code onTable}, a copy of it, with {@code suffix} after
     * their names: index names are the schema's, so a copy's take their own until the original's are gone.
     */
    static void createIndexes(Connection c, String table, String onTable, String suffix) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (Index i : indexesOf(table)) {
                s.execute("CREATE INDEX IF NOT EXISTS " + i.name() + suffix + " ON " + onTable + "(" + i.columns() + ")");
            }
        }
    }

    /** Gives {@code table}'s indexes made with {@code suffix} their own names, once those are free. */
    static void renameIndexes(Connection c, String table, String suffix) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (Index i : indexesOf(table)) {
                s.execute("ALTER INDEX " + i.name() + suffix + " RENAME TO " + i.name());
            }
        }
    }

    /** Creates the application user and gives it what the application needs. */
    public static void createAppUser(Connection c, String password) throws SQLException {
        String quoted = "'" + password.replace("'", "''") + "'";
        try (Statement s = c.createStatement()) {
            if (Dialect.of(c) == Dialect.H2) {
                s.execute("CREATE USER IF NOT EXISTS " + APP_USER + " PASSWORD " + quoted);
            } else {
                s.execute("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + APP_USER.toLowerCase(java.util.Locale.ROOT)
                        + "') THEN CREATE ROLE " + APP_USER + " LOGIN PASSWORD " + quoted + "; END IF; END $$");
            }
        }
        grantApp(c);
    }

    public static void grantApp(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("GRANT SELECT, INSERT, UPDATE ON USERS, ITEMS, BIDS TO " + APP_USER);
        }
    }

    /**
     * Generates {@code size} rows with a deterministic pattern that depends on {@code seed}. The
     * rows are made by the database itself ({@code SYSTEM_RANGE}, {@code generate_series}), so a
     * million bids take seconds.
     */
    /** Opens a connection as administrator. */
    public interface ConnectionSource {
        Connection open() throws SQLException;
    }

    /** Fills the v1 tables, then indexes them (faster than maintaining the indexes while filling). */
    public static void seed(ConnectionSource db, DataSize size, long seed) throws SQLException {
        long k = Math.floorMod(seed, 997);
        try (Connection c = db.open(); Statement s = c.createStatement()) {
            Dialect d = Dialect.of(c);
            s.execute("INSERT INTO USERS SELECT X, CONCAT('user', X), MOD(X * 7 + " + k + ", 50), MOD(X * 13 + " + k
                    + ", 100) FROM " + d.series(size.users()));
            s.execute("INSERT INTO ITEMS SELECT X, MOD(X * 31 + " + k + ", " + size.users() + ") + 1, MOD(X, "
                    + BiddingData.CATEGORIES + "), CONCAT('item ', X), 100 + MOD(X * 97 + " + k + ", 5000),"
                    // The highest bid is generated too, not derived from the bids: cheaper, and nothing depends on it.
                    + " 100 + MOD(X * 97 + " + k + ", 5000) + MOD(X * 89 + " + k + ", 15000),"
                    + " " + d.plus("TIMESTAMP '2030-01-01 00:00:00'", "MOD(X, 30)", "DAY") + " FROM " + d.series(size.items()));
            if (size.bids() > 0) {
                s.execute("INSERT INTO BIDS SELECT X, MOD(X * 7919 + " + k + ", " + size.items() + ") + 1, MOD(X * 104729 + "
                        + k + ", " + size.users() + ") + 1, 100 + MOD(X * 613 + " + k + ", 20000),"
                        + " " + d.plus("TIMESTAMP '2020-06-01 00:00:00'", "-MOD(X, 86400)", "SECOND") + ", TRUE FROM "
                        + d.series(size.bids()));
            }
            createIndexes(c);
            if (d == Dialect.POSTGRESQL) {
                s.execute("ANALYZE"); // fresh statistics, or the first queries plan for empty tables
            }
        }
    }
}
