package imago.model.upgrade;

import imago.model.plan.Universe;

import java.util.List;
import java.util.OptionalDouble;

/**
 * A change of the persistent data's schema.
 *
 * @param database       the database tier holding the data
 * @param compatible     whether the old version can still use the data after conversion; when not,
 *                       old-version nodes that read converted data fail (a hidden data dependency)
 * @param tables         the tables converted, in the order the conversion takes them; each is
 *                       copied, converted and swapped in at its end (copy-and-swap), so a table is
 *                       in the new schema from its swap on. A schema given by {@code rows} alone is
 *                       one table named {@link #ONE_TABLE}
 * @param conversionRate rows converted per second in place (within one database), while it serves
 * @param parallelRate   rows per second when the conversion writes into another universe's
 *                       database (read from production, converted, written to the copy); the
 *                       executor measures it slower than in place. Empty: {@code conversionRate}
 * @param offlineRate    rows per second in place with the application stopped (an in-place
 *                       upgrade), when no live request competes for the database; the executor
 *                       measures it faster. Empty: {@code conversionRate}
 */
public record SchemaChange(String database, boolean compatible, List<Table> tables, double conversionRate,
                           OptionalDouble parallelRate, OptionalDouble offlineRate) {

    /** The name of the one table a schema given by its row count alone has. */
    public static final String ONE_TABLE = "data";

    /** One table the conversion takes: its name and its rows. */
    public record Table(String name, long rows) {
    }

    public SchemaChange {
        tables = List.copyOf(tables);
        if (tables.isEmpty()) {
            throw new IllegalArgumentException("a schema change converts at least one table");
        }
    }

    public SchemaChange(String database, boolean compatible, long rows, double conversionRate,
                        OptionalDouble parallelRate, OptionalDouble offlineRate) {
        this(database, compatible, List.of(new Table(ONE_TABLE, rows)), conversionRate, parallelRate, offlineRate);
    }

    public SchemaChange(String database, boolean compatible, long rows, double conversionRate) {
        this(database, compatible, rows, conversionRate, OptionalDouble.empty(), OptionalDouble.empty());
    }

    /** Rows to convert, over all tables. */
    public long rows() {
        return tables.stream().mapToLong(Table::rows).sum();
    }

    /**
     * The same change with another row count or in-place rate (a sweep point); the other rates
     * stay, and the tables keep their shares of the rows.
     */
    public SchemaChange with(long rows, double conversionRate) {
        return with(rows, conversionRate, parallelRate, offlineRate);
    }

    /** The same change with other rates and rows (a calibration), the tables keeping their shares of the rows. */
    public SchemaChange with(long rows, double conversionRate, OptionalDouble parallelRate, OptionalDouble offlineRate) {
        long total = rows();
        List<Table> scaled = new java.util.ArrayList<>(tables.size());
        long before = 0;
        long cumulative = 0;
        for (Table t : tables) {
            cumulative += t.rows();
            // Cumulative rounding keeps the sum exact.
            long upTo = Math.round((double) rows * cumulative / total);
            scaled.add(new Table(t.name(), upTo - before));
            before = upTo;
        }
        return new SchemaChange(database, compatible, scaled, conversionRate, parallelRate, offlineRate);
    }

    /** The names of the tables, in conversion order. */
    public List<String> tableNames() {
        return tables.stream().map(Table::name).toList();
    }

    /** Rows per second of a conversion into {@code universe}'s database, live traffic served meanwhile or not. */
    public double rate(Universe universe, boolean serving) {
        if (universe == Universe.PARALLEL) {
            return parallelRate.orElse(conversionRate);
        }
        return serving ? conversionRate : offlineRate.orElse(conversionRate);
    }

    /**
     * The share of the production database's capacity a conversion or sync reading it at
     * {@code rowsPerSecond} takes. With the application stopped the conversion has the whole
     * database and reaches {@code offlineRate}, so one row costs {@code 1 / offlineRate} of its
     * capacity-seconds and reading at {@code rowsPerSecond} takes {@code rowsPerSecond / offlineRate}
     * of it: the executor's 85k rows/s in place beside production against 129k with it stopped
     * gives 0.66, production's own requests holding the other third. A copy into another universe
     * reads and converts each row as an in-place conversion does, so it takes no more than an
     * in-place one beside production. Without {@code offlineRate > conversionRate} the
     * measurements show no contention, so nothing says what the conversion costs production: 0.
     */
    public double capacityShare(double rowsPerSecond) {
        if (offlineRate.isEmpty() || offlineRate.getAsDouble() <= conversionRate) {
            return 0;
        }
        return Math.min(rowsPerSecond, conversionRate) / offlineRate.getAsDouble();
    }

    /** Seconds to convert every row in bulk, in place. */
    public double bulkSeconds() {
        return rows() / conversionRate;
    }
}
