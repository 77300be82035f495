package imago.model.upgrade;

import imago.model.plan.Universe;

import java.util.List;
import java.util.OptionalDouble;

/**
 * A change of the persistent data's schema.
 *
 * @param database       the database tier holding the data
 * @param compatible     whether the old version can still read and write every table after its
 *                       conversion; when not, old-version nodes fail on converted data (a hidden
 *                       data dependency). With {@code changes} it is derived from them
 * @param tables         the tables converted, in the order the conversion takes them; each is
 *                       copied, converted and swapped in at its end (copy-and-swap), so a table is
 *                       in the new schema from its swap on. A schema given by {@code rows} alone is
 *                       one table named {@link #ONE_TABLE}
 * @param changes        the operations on the tables, in order; empty when the change is given by
 *                       {@code compatible} alone, which then holds for every table
 * @param conversionRate rows converted per second in place (within one database), while it serves
 * @param parallelRate   rows per second when the conversion writes into another universe's
 *                       database (read from production, converted, written to the copy); the
 *                       executor measures it slower than in place. Empty: {@code conversionRate}
 * @param offlineRate    rows per second in place with the application stopped (an in-place
 *                       upgrade), when no live request competes for the database; the executor
 *                       measures it faster. Empty: {@code conversionRate}
 * @param rollbackRate   rows per second of converting the data back in a rollback, in place, with
 *                       no new-version node serving from it. Empty: the offline rate
 * @param exportRate     rows per second at which the source database exports (reads and converts)
 *                       a copy into another universe's database. The target loads what it exports
 *                       at {@code parallelRate}; a faster export runs ahead of the load (the
 *                       executor queues the exported batches), so the source is read, and its
 *                       capacity taken, for {@code rows / exportRate} seconds of the copy only.
 *                       Empty: the source is read for the whole copy
 */
public record SchemaChange(String database, boolean compatible, List<Table> tables, List<SchemaOp> changes,
                           double conversionRate, OptionalDouble parallelRate, OptionalDouble offlineRate,
                           OptionalDouble rollbackRate, OptionalDouble exportRate) {

    /** A change without its own export rate (a copy reads its source throughout). */
    public SchemaChange(String database, boolean compatible, List<Table> tables, List<SchemaOp> changes,
                        double conversionRate, OptionalDouble parallelRate, OptionalDouble offlineRate,
                        OptionalDouble rollbackRate) {
        this(database, compatible, tables, changes, conversionRate, parallelRate, offlineRate, rollbackRate,
                OptionalDouble.empty());
    }

    /** A change without its own rollback rate (the offline rate's) or export rate. */
    public SchemaChange(String database, boolean compatible, List<Table> tables, List<SchemaOp> changes,
                        double conversionRate, OptionalDouble parallelRate, OptionalDouble offlineRate) {
        this(database, compatible, tables, changes, conversionRate, parallelRate, offlineRate, OptionalDouble.empty());
    }

    /** The name of the one table a schema given by its row count alone has. */
    public static final String ONE_TABLE = "data";

    /**
     * One table the conversion takes: its name, its rows, its columns when listed (empty: not
     * listed), and what converting one of its rows costs against the other tables' rows. A
     * conversion's time (its rows over its rate) is split among its tables in proportion to rows
     * times row cost, so a table of wide rows swaps later than its share of the rows says.
     */
    public record Table(String name, long rows, List<String> columns, double rowCost) {
        public Table {
            columns = List.copyOf(columns);
            if (!(rowCost > 0 && Double.isFinite(rowCost))) {
                throw new IllegalArgumentException("rowCost: must be > 0 and finite (was " + rowCost + ")");
            }
        }

        /** A table whose rows cost what every other table's do. */
        public Table(String name, long rows, List<String> columns) {
            this(name, rows, columns, 1);
        }

        public Table(String name, long rows) {
            this(name, rows, List.of());
        }

        /** The same table with another row cost (a calibration). */
        public Table withRowCost(double cost) {
            return new Table(name, rows, columns, cost);
        }
    }

    public SchemaChange {
        tables = List.copyOf(tables);
        changes = List.copyOf(changes);
        if (tables.isEmpty()) {
            throw new IllegalArgumentException("a schema change converts at least one table");
        }
        List<String> names = tables.stream().map(Table::name).toList();
        for (SchemaOp op : changes) {
            if (!names.contains(op.table())) {
                throw new IllegalArgumentException("changes: " + op.kind() + " of table '" + op.table() + "', which tables does not list");
            }
        }
        if (!changes.isEmpty() && compatible != derivedCompatible(tables, changes)) {
            throw new IllegalArgumentException("compatible: " + compatible + " contradicts the changes");
        }
    }

    /** A change given by {@code compatible} alone. */
    public SchemaChange(String database, boolean compatible, List<Table> tables, double conversionRate,
                        OptionalDouble parallelRate, OptionalDouble offlineRate) {
        this(database, compatible, tables, List.of(), conversionRate, parallelRate, offlineRate);
    }

    /** A change given by its operations; {@code compatible} derived from them. */
    public static SchemaChange of(String database, List<Table> tables, List<SchemaOp> changes, double conversionRate,
                                  OptionalDouble parallelRate, OptionalDouble offlineRate) {
        return new SchemaChange(database, derivedCompatible(tables, changes), tables, changes, conversionRate,
                parallelRate, offlineRate);
    }

    /** Whether the old version reads and writes every table after {@code changes}. */
    public static boolean derivedCompatible(List<Table> tables, List<SchemaOp> changes) {
        return tables.stream().allMatch(t -> access(t.name(), changes).oldCompatible());
    }

    private static SchemaOp.TableAccess access(String table, List<SchemaOp> changes) {
        SchemaOp.TableAccess a = SchemaOp.TableAccess.ALL;
        for (SchemaOp op : changes) {
            if (op.table().equals(table)) {
                a = a.and(op.access());
            }
        }
        return a;
    }

    /**
     * What each version can do with {@code table} around its conversion: from the operations on it
     * (a table none touches is unchanged for both), or from {@code compatible} alone when the change
     * lists none (true: both versions use every table; false: neither the other's).
     */
    public SchemaOp.TableAccess access(String table) {
        if (changes.isEmpty()) {
            return compatible ? SchemaOp.TableAccess.ALL : SchemaOp.TableAccess.NONE;
        }
        return access(table, changes);
    }

    /** The tables' accesses, in conversion order. */
    public List<SchemaOp.TableAccess> accesses() {
        return tables.stream().map(t -> access(t.name())).toList();
    }

    /** The index in {@link #changes} of the first operation expand/contract cannot run, or -1. */
    public int firstNotExpandable() {
        for (int i = 0; i < changes.size(); i++) {
            if (!changes.get(i).expandable()) {
                return i;
            }
        }
        return -1;
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
            scaled.add(new Table(t.name(), upTo - before, t.columns(), t.rowCost()));
            before = upTo;
        }
        return new SchemaChange(database, compatible, scaled, changes, conversionRate, parallelRate, offlineRate, rollbackRate,
                exportRate);
    }

    /** The same change converted back at {@code rate} rows per second (a calibration). */
    public SchemaChange withRollbackRate(OptionalDouble rate) {
        return new SchemaChange(database, compatible, tables, changes, conversionRate, parallelRate, offlineRate, rate,
                exportRate);
    }

    /** The same change with its copies exported at {@code rate} rows per second (a calibration). */
    public SchemaChange withExportRate(OptionalDouble rate) {
        return new SchemaChange(database, compatible, tables, changes, conversionRate, parallelRate, offlineRate,
                rollbackRate, rate);
    }

    /** Seconds to convert every row back in a rollback: at the rollback rate, else the offline one. */
    public double rollbackSeconds() {
        return rows() / (rollbackRate.isPresent() ? rollbackRate.getAsDouble() : rate(Universe.PRODUCTION, false));
    }

    /**
     * Each table's seconds of {@link #rollbackSeconds()}, in table order: its share of the rows
     * weighted by its row cost, as a conversion's time is split (so they add up to the whole).
     */
    public double[] rollbackSecondsByTable() {
        double[] out = costShares();
        for (int i = 0; i < out.length; i++) {
            out[i] *= rollbackSeconds();
        }
        return out;
    }

    /** The share of a conversion's time the named tables take (rows times row cost; names compared ignoring case). */
    public double costShare(java.util.Collection<String> names) {
        double[] shares = costShares();
        double out = 0;
        for (int i = 0; i < shares.length; i++) {
            if (names.stream().anyMatch(tables.get(i).name()::equalsIgnoreCase)) {
                out += shares[i];
            }
        }
        return out;
    }

    /** Each table's share of a conversion's time, in table order: its rows times its row cost, over all tables'. */
    private double[] costShares() {
        double total = tables.stream().mapToDouble(t -> t.rows() * t.rowCost()).sum();
        double[] out = new double[tables.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = total <= 0 ? 0 : tables.get(i).rows() * tables.get(i).rowCost() / total;
        }
        return out;
    }

    /** The same change with its tables' row costs set by name (a calibration); a table not named keeps its own. */
    public SchemaChange withRowCosts(java.util.Map<String, Double> costs) {
        List<Table> costed = tables.stream().map(t -> t.withRowCost(costs.getOrDefault(t.name(), t.rowCost()))).toList();
        return new SchemaChange(database, compatible, costed, changes, conversionRate, parallelRate, offlineRate,
                rollbackRate, exportRate);
    }

    /** When each table's swap comes in a conversion, as a share of its time, in table order (rows times row cost). */
    public double[] swapShares() {
        double[] out = costShares();
        double done = 0;
        for (int i = 0; i < out.length; i++) {
            done += out[i];
            out[i] = i == out.length - 1 ? 1 : done;
        }
        return out;
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
