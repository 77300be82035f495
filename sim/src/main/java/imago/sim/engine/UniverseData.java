package imago.sim.engine;

import imago.model.plan.Step;
import imago.model.upgrade.SchemaChange;
import imago.model.upgrade.SchemaOp;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The data of the schema database in each universe: whose copy a universe's requests use, and how
 * conversions change it (DESIGN §4: copy-and-swap table by table, offline conversions refuse
 * writes, and a conversion or sync takes a share of the capacity of the database it reads, or of
 * the one machine every tier runs on when the topology's processors are shared).
 */
final class UniverseData {
    private final DataState[] data = {new DataState(), new DataState()};
    private final Optional<SchemaChange> schema;
    /** The database whose schema changes, or null when the upgrade changes no schema. */
    final TierRt schemaDb;
    /** The schema change's table names and each table's swap as a share of a conversion's time (rows times row cost), in conversion order. */
    private final List<String> tables;
    private final double[] tableEnds;
    /** Every table: the mask of a request type that names none. */
    final long allTables;
    /** The tables some request type that reaches the database depends on, and those some writing type does. */
    long usedTables;
    long usedWriteTables;
    /**
     * The tables whose converted form the old version cannot read, and cannot write; those whose
     * unconverted form the new version cannot use (from each table's {@link SchemaOp.TableAccess}).
     */
    final long oldCannotRead;
    final long oldCannotWrite;
    final long newCannotUseOld;
    /** The universe whose offline conversion made another universe's data read-only, per universe. */
    private final int[] readOnlySource = {-1, -1};
    /** Every tier of both universes runs on the database's processors ({@code Topology#sharedProcessors}). */
    private final boolean sharedProcessors;
    /** The most all readers together take: what one in-place conversion beside production takes (on every service's path: computed once). */
    private final double maxShare;

    UniverseData(TierRt schemaDb, Optional<SchemaChange> schema, boolean sharedProcessors) {
        this.schemaDb = schemaDb;
        this.schema = schema;
        this.maxShare = schema.map(s -> s.capacityShare(s.conversionRate())).orElse(0.0);
        this.sharedProcessors = sharedProcessors;
        this.tables = schema.map(SchemaChange::tableNames).orElse(List.of());
        this.tableEnds = schema.map(SchemaChange::swapShares).orElse(new double[0]);
        this.allTables = tables.isEmpty() ? 0 : -1L >>> (64 - tables.size());
        List<SchemaOp.TableAccess> access = schema.map(SchemaChange::accesses).orElse(List.of());
        this.oldCannotRead = maskOf(access, a -> !a.oldReads());
        this.oldCannotWrite = maskOf(access, a -> !a.oldWrites());
        this.newCannotUseOld = maskOf(access, a -> !a.newReadsUnconverted());
    }

    private static long maskOf(List<SchemaOp.TableAccess> access, java.util.function.Predicate<SchemaOp.TableAccess> p) {
        long m = 0;
        for (int i = 0; i < access.size(); i++) {
            if (p.test(access.get(i))) {
                m |= 1L << i;
            }
        }
        return m;
    }

    /** Whether the schema change breaks either version on some table. */
    boolean breaksAVersion() {
        return (oldCannotWrite | newCannotUseOld) != 0;
    }

    /**
     * The tables of {@code used} that a node of the given version cannot use in the data {@code d}
     * at {@code now}: for the old version, the changed tables it cannot read (or write, for a
     * writing request); for the new one, the tables not yet in a form it uses.
     */
    long broken(DataState d, boolean newVersion, boolean write, long used, double now) {
        if (newVersion) {
            return used & ~d.newUsableAt(now) & newCannotUseOld;
        }
        return used & d.oldChangedAt(now) & (write ? oldCannotWrite : oldCannotRead);
    }

    /** The mask of the named tables that the schema change converts; every table when none are named. */
    long mask(Optional<List<String>> names) {
        if (names.isEmpty()) {
            return allTables;
        }
        long m = 0;
        for (String n : names.get()) {
            int i = tables.indexOf(n);
            if (i >= 0) { // a table the schema change does not convert is not affected by it
                m |= 1L << i;
            }
        }
        return m;
    }

    /**
     * The tables of the data requests of universe {@code u} use that a begun conversion has not
     * converted at {@code now} (a skipped step's, or not swapped yet); none before it begins.
     */
    java.util.Set<String> leftOut(int u, double now) {
        DataState d = of(u);
        if (!d.conversionStarted) {
            return java.util.Set.of();
        }
        long left = allTables & ~(d.swappedAt(now) | d.expanded);
        java.util.Set<String> out = new java.util.LinkedHashSet<>();
        for (int i = 0; i < tables.size(); i++) {
            if ((left & (1L << i)) != 0) {
                out.add(tables.get(i));
            }
        }
        return out;
    }

    /** The universe holding the data for requests of universe {@code u}: its own copy, or production's shared one. */
    int universeOf(int u) {
        return schemaDb == null || schemaDb.shared ? World.PROD : u;
    }

    /** The data requests of universe {@code u} use. */
    DataState of(int u) {
        return data[universeOf(u)];
    }

    /** The data held in universe {@code du} (a universe {@link #universeOf} returned). */
    DataState held(int du) {
        return data[du];
    }

    /**
     * A conversion of universe {@code du}'s data begins at {@code now} and takes {@code seconds},
     * swapping each table in at its end; {@code live} holds the data production serves from,
     * which a copy is taken of.
     */
    void conversionStarted(int du, boolean offline, double seconds, double now, int live, Step.ConvertData.Phase phase) {
        DataState d = data[du];
        // A contraction follows an expansion: what that swapped stays usable by the new version.
        d.expanded = phase == Step.ConvertData.Phase.CONTRACT ? d.expanded | d.swappedAt(now) : 0;
        d.phase = phase;
        d.conversionStarted = true;
        d.converting = true;
        d.converted = false;
        d.conversionStart = now;
        d.conversionEnd = now + seconds;
        d.swapped = 0;
        d.skipped = 0;
        d.swapAt = new double[tableEnds.length];
        for (int i = 0; i < tableEnds.length; i++) {
            d.swapAt[i] = now + seconds * tableEnds[i];
        }
        d.ackedAtConversionStart = d.writesAcked;
        if (du != live) {
            d.copySource = live;
            d.sourceAckedAtCopy = data[live].writesAcked;
        }
        if (offline) {
            d.readOnly = true;
            // An offline copy has no incremental sync: its source must not take writes meanwhile.
            if (du != live) {
                data[live].readOnly = true;
                readOnlySource[du] = live;
            }
        }
    }

    void conversionEnded(int du) {
        DataState d = data[du];
        d.converting = false;
        d.converted = true;
        d.swapped = allTables & ~d.skipped;
        d.readOnly = false;
        if (readOnlySource[du] >= 0) {
            data[readOnlySource[du]].readOnly = false;
            readOnlySource[du] = -1;
        }
    }

    /**
     * A conversion or sync filling universe {@code du}'s data at {@code rowsPerSecond} starts
     * reading universe {@code source}'s: it takes its share of that database's capacity
     * ({@link SchemaChange#capacityShare}), or of the whole machine when the processors are
     * shared, until {@link #doneReading}.
     */
    void reading(int du, int source, double rowsPerSecond) {
        data[du].readFrom = source;
        data[du].readShare = schema.map(s -> s.capacityShare(rowsPerSecond)).orElse(0.0);
        data[du].readUntil = Double.POSITIVE_INFINITY;
    }

    /**
     * A copy of {@code rows} into universe {@code du}, loaded at {@code loadRate}, starts at
     * {@code now} from universe {@code source}'s database. A source that exports faster than the
     * target loads ({@link SchemaChange#exportRate}) runs ahead, so it is read at the export rate,
     * its share taken at that rate, until its export ends; otherwise for the whole copy.
     */
    void copying(int du, int source, long rows, double loadRate, double now) {
        OptionalDouble export = schema.map(SchemaChange::exportRate).orElse(OptionalDouble.empty());
        if (export.isEmpty() || export.getAsDouble() <= loadRate) {
            reading(du, source, loadRate);
            return;
        }
        reading(du, source, export.getAsDouble());
        data[du].exportSeconds = rows / export.getAsDouble();
        data[du].readUntil = now + data[du].exportSeconds;
    }

    void doneReading(int du) {
        data[du].readShare = 0;
    }

    /**
     * How much longer a request's service starting at {@code now} takes on a node of {@code tier}
     * in universe {@code universe}. On the schema database, the conversions and syncs reading the data it
     * holds leave {@code 1 - share} of its capacity, so each request's work runs at that fraction
     * of its speed. (The conversion is one stream of batches on one connection: it takes the
     * database's processor and disk time, not its connections, so service stretches rather than
     * servers going away.) Other tiers are not slowed, unless the processors are shared: then
     * every tier in either universe runs on the database's machine, and the share each
     * conversion or sync takes of it, whatever it reads or writes, leaves every tier the same
     * {@code 1 - share}. The share is computed the same either way: the offline rate is measured
     * with the application stopped, when the conversion has the machine nearly to itself.
     */
    double serviceFactor(TierRt tier, int universe, double now) {
        double share = 0;
        for (DataState d : data) {
            if (now < d.readUntil && (sharedProcessors || (tier == schemaDb && d.readFrom == universe))) {
                share += d.readShare;
            }
        }
        return share > 0 ? 1 / (1 - Math.min(share, maxShare)) : 1;
    }

    /**
     * A type 4 fault in universe {@code du}'s running conversion: it leaves out the first table,
     * in conversion order, that the new version cannot use unconverted (the executor's fault skips
     * the ITEMS step), so old code keeps that table and new code fails the requests that use it.
     * Returns the skipped table's mask, 0 when no table is one the new version needs converted.
     */
    long skipNeededTable(int du) {
        DataState d = data[du];
        long needed = newCannotUseOld & allTables & ~d.skipped;
        long first = Long.lowestOneBit(needed);
        d.skipped |= first;
        return first;
    }

    /** The repair of a skipped step: universe {@code du}'s skipped tables are converted and swapped in now. */
    void convertSkipped(int du, long tables) {
        DataState d = data[du];
        d.skipped &= ~tables;
        d.swapped |= tables;
    }

    /**
     * The running conversion of universe {@code du}, due to take {@code seconds}, leaves out the
     * tables a type 4 fault skipped ({@link #skipNeededTable}, drawn as it begins): they take none
     * of its time, so the tables after them swap earlier, it ends sooner, and a copy's export
     * reads the source for less, as on the testbed (the executor neither converts nor exports a
     * table whose step it skips: 1.0 of 1.2 million rows in 10.3 s against 12.5 s, in place,
     * offline). Returns its time.
     */
    double withoutSkipped(int du, double seconds) {
        DataState d = data[du];
        if (d.skipped == 0 || !d.converting) {
            return seconds;
        }
        double kept = 0;
        double before = 0;
        for (int i = 0; i < tableEnds.length; i++) {
            if ((d.skipped & (1L << i)) == 0) {
                kept += tableEnds[i] - before;
            }
            before = tableEnds[i];
            d.swapAt[i] = d.conversionStart + seconds * kept;
        }
        d.conversionEnd = d.conversionStart + seconds * kept;
        if (Double.isFinite(d.readUntil)) {
            d.readUntil = d.conversionStart + d.exportSeconds * kept;
        }
        return seconds * kept;
    }

    /** A conversion abandoned at {@code now}: the tables swapped so far stay swapped, the rest stay old. */
    void conversionStopped(int du, double now) {
        DataState d = data[du];
        if (d.converting) {
            d.swapped = d.swappedAt(now);
            d.converting = false;
        }
    }
}
