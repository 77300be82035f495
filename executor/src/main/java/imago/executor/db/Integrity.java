package imago.executor.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The integrity check after a run: every write the load generator saw acknowledged must be in the
 * database that serves afterwards, converted to that database's schema (whichever version it has).
 */
public final class Integrity {

    /** An acknowledged write: a placed bid, and whether its confirmation was acknowledged too. */
    public record Ack(long bidId, long amountCents, boolean confirmed) {
    }

    /** Acknowledged writes checked, and those missing or wrong (the lost writes). */
    public record Report(long checked, long missing, long wrongAmount, long unconfirmed) {
        public long lost() {
            return missing + wrongAmount + unconfirmed;
        }
    }

    private Integrity() {
    }

    public static Report check(Connection c, List<Ack> acks) throws SQLException {
        boolean cents = Conversion.hasColumn(c, "BIDS", "AMOUNT_CENTS");
        String amount = cents ? "AMOUNT_CENTS" : "AMOUNT";
        long missing = 0;
        long wrong = 0;
        long unconfirmed = 0;
        for (int from = 0; from < acks.size(); from += 1000) {
            List<Ack> chunk = acks.subList(from, Math.min(acks.size(), from + 1000));
            Map<Long, Object[]> found = new HashMap<>();
            try (PreparedStatement s = c.prepareStatement("SELECT ID, " + amount + ", CONFIRMED FROM BIDS WHERE ID = ANY(?)")) {
                s.setArray(1, Dialect.ids(c, chunk.stream().map(Ack::bidId).toList()));
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        java.math.BigDecimal v = r.getBigDecimal(2);
                        // A row without an amount (lost by an online in-place conversion) matches no write.
                        long stored = v == null ? Long.MIN_VALUE
                                : cents ? v.longValueExact() : v.movePointRight(2).longValueExact();
                        found.put(r.getLong(1), new Object[] {stored, r.getBoolean(3)});
                    }
                }
            }
            for (Ack a : chunk) {
                Object[] row = found.get(a.bidId());
                if (row == null) {
                    missing++;
                } else if ((long) row[0] != a.amountCents()) {
                    wrong++;
                } else if (a.confirmed() && !(boolean) row[1]) {
                    unconfirmed++;
                }
            }
        }
        return new Report(acks.size(), missing, wrong, unconfirmed);
    }
}
