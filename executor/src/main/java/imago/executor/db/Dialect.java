package imago.executor.db;

import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;

/**
 * The little SQL that differs between the two database servers; everything else the executor and
 * the testbed send is written to run on both. Known from the connection, so no caller passes it.
 */
public enum Dialect {
    H2,
    POSTGRESQL;

    public static Dialect of(Connection c) throws SQLException {
        return c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres") ? POSTGRESQL : H2;
    }

    /** A row source of the numbers 1..n in a column X. */
    String series(long n) {
        return this == H2 ? "SYSTEM_RANGE(1, " + n + ")" : "generate_series(CAST(1 AS BIGINT), " + n + ") AS G(X)";
    }

    /** {@code timestamp} plus {@code count} (an SQL expression) units of {@code unit} (DAY, SECOND). */
    String plus(String timestamp, String count, String unit) {
        return this == H2 ? "DATEADD(" + unit + ", " + count + ", " + timestamp + ")"
                : "(" + timestamp + " + (" + count + ") * INTERVAL '1 " + unit.toLowerCase(Locale.ROOT) + "')";
    }

    /** An SQL array of IDs, for {@code ID = ANY(?)}. */
    static Array ids(Connection c, List<Long> ids) throws SQLException {
        return c.createArrayOf("BIGINT", ids.toArray(Long[]::new));
    }
}
