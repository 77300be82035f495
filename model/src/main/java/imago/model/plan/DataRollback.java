package imago.model.plan;

import imago.model.dist.Dist;

import java.util.List;
import java.util.Set;

/**
 * How long converting a database's data back takes in a rollback: each table the conversion
 * converted takes its own time, so a table a skipped migration step left in the old schema
 * takes none (the executor converts back only the tables it finds converted). Without tables
 * (no schema change), a step's time.
 *
 * @param tables    each table's time, in the schema change's order (summed in it, so a run is
 *                  the same whatever the hash order of the caller's sets)
 * @param otherwise the time when no table is known
 */
public record DataRollback(List<TableTime> tables, Dist otherwise) {

    /** One table's time to convert back. */
    public record TableTime(String table, double seconds) {
        public TableTime {
            if (!(seconds >= 0 && Double.isFinite(seconds))) {
                throw new IllegalArgumentException("table " + table + ": seconds must be >= 0 and finite (was " + seconds + ")");
            }
        }
    }

    public DataRollback {
        tables = List.copyOf(tables);
    }

    /** A rollback that takes {@code time} whatever it converts back. */
    public static DataRollback fixed(Dist time) {
        return new DataRollback(List.of(), time);
    }

    /** The time of converting back every table but those in {@code leftOut} (names compared ignoring case). */
    public Dist time(Set<String> leftOut) {
        if (tables.isEmpty()) {
            return otherwise;
        }
        double s = 0;
        for (TableTime t : tables) {
            if (leftOut.stream().noneMatch(t.table()::equalsIgnoreCase)) {
                s += t.seconds();
            }
        }
        return Dist.constant(s);
    }
}
