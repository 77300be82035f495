package imago.model.upgrade;

import java.util.Optional;

/**
 * One operation of a schema change on one table ({@code upgrade.schema.changes[i]}). Each says what
 * it leaves each version able to do with the table once the table's conversion has swapped it in
 * ({@link #access()}), and whether expand/contract can keep the old version working meanwhile
 * ({@link #expandable()}). The rules follow what migration linters flag as breaking running code
 * (squawk, strong_migrations; README "Schema changes"): the old code keeps the column and table
 * names and types it was built with, and the new code expects its own.
 */
public sealed interface SchemaOp {

    /** The table the operation acts on, as {@code schema.tables} names it. */
    String table();

    /** The config spelling, e.g. {@code rename-column}. */
    String kind();

    /** What each version can do with the table after this operation's conversion. */
    TableAccess access();

    /**
     * Whether expand/contract can run this operation with the old version still working: expand
     * adds the new column beside the old one and the new version writes both while the backfill
     * migrates the rows; contract drops the old column once every node runs the new version. The
     * operations old code survives need no expansion and count as expandable.
     */
    boolean expandable();

    /**
     * What the two versions can do with one table: whether the old version can read and write it
     * in its converted form, and whether the new version can use it before it is converted.
     */
    record TableAccess(boolean oldReads, boolean oldWrites, boolean newReadsUnconverted) {
        public static final TableAccess ALL = new TableAccess(true, true, true);
        public static final TableAccess NONE = new TableAccess(false, false, false);

        public TableAccess {
            if (oldWrites && !oldReads) {
                throw new IllegalArgumentException("old code that cannot read a table cannot write it");
            }
        }

        /** Both operations on one table: each version can do only what both allow. */
        public TableAccess and(TableAccess o) {
            return new TableAccess(oldReads && o.oldReads, oldWrites && o.oldWrites, newReadsUnconverted && o.newReadsUnconverted);
        }

        /** The old version reads and writes the converted table. */
        public boolean oldCompatible() {
            return oldReads && oldWrites;
        }
    }

    /**
     * A new column. Old inserts leave it out: fine when it is nullable or has a default; a required
     * one without a default fails them (squawk adding-required-field). New code reads it, so it
     * cannot use a table that lacks it.
     */
    record AddColumn(String table, String column, boolean nullable, Optional<String> defaultValue) implements SchemaOp {
        @Override public String kind() { return "add-column"; }
        @Override public TableAccess access() {
            return new TableAccess(true, nullable || defaultValue.isPresent(), false);
        }
        @Override public boolean expandable() { return nullable || defaultValue.isPresent(); }
    }

    /** Old code selects and inserts the column (squawk ban-drop-column; strong_migrations "removing a column"). */
    record DropColumn(String table, String column) implements SchemaOp {
        @Override public String kind() { return "drop-column"; }
        @Override public TableAccess access() { return new TableAccess(false, false, true); }
        @Override public boolean expandable() { return true; }
    }

    /** Old code uses the old name, new code the new one (squawk renaming-column; strong_migrations "renaming a column"). */
    record RenameColumn(String table, String column, String to) implements SchemaOp {
        @Override public String kind() { return "rename-column"; }
        @Override public TableAccess access() { return TableAccess.NONE; }
        @Override public boolean expandable() { return true; }
    }

    /** Each version maps the column to its own type (squawk changing-column-type; strong_migrations "changing the type of a column"). */
    record ChangeType(String table, String column, String type) implements SchemaOp {
        @Override public String kind() { return "change-type"; }
        @Override public TableAccess access() { return TableAccess.NONE; }
        @Override public boolean expandable() { return true; }
    }

    /**
     * A NOT NULL constraint on an existing column: old reads still work, but old code that leaves
     * the column null fails to write unless a default fills it (squawk adding-not-nullable-field;
     * strong_migrations "setting NOT NULL on an existing column").
     */
    record AddNotNull(String table, String column, Optional<String> defaultValue) implements SchemaOp {
        @Override public String kind() { return "add-not-null"; }
        @Override public TableAccess access() { return new TableAccess(true, defaultValue.isPresent(), true); }
        @Override public boolean expandable() { return true; }
    }

    /** A new table: old code never uses it; new code fails until it exists. */
    record AddTable(String table) implements SchemaOp {
        @Override public String kind() { return "add-table"; }
        @Override public TableAccess access() { return new TableAccess(true, true, false); }
        @Override public boolean expandable() { return true; }
    }

    /** Old code still uses the table; expand/contract does not keep a dropped table for it. */
    record DropTable(String table) implements SchemaOp {
        @Override public String kind() { return "drop-table"; }
        @Override public TableAccess access() { return new TableAccess(false, false, true); }
        @Override public boolean expandable() { return false; }
    }

    /**
     * Each version uses its own name (squawk renaming-table; strong_migrations "renaming a table");
     * keeping both names would take a view or two dual-written tables, which Imago does not model.
     */
    record RenameTable(String table, String to) implements SchemaOp {
        @Override public String kind() { return "rename-table"; }
        @Override public TableAccess access() { return TableAccess.NONE; }
        @Override public boolean expandable() { return false; }
    }

    /** An index changes no row or column either version sees (its build's locking is not modelled). */
    record AddIndex(String table, String column) implements SchemaOp {
        @Override public String kind() { return "add-index"; }
        @Override public TableAccess access() { return TableAccess.ALL; }
        @Override public boolean expandable() { return true; }
    }

    /** Fills a column's values in existing rows: both versions read and write the table as before. */
    record Backfill(String table, String column) implements SchemaOp {
        @Override public String kind() { return "backfill"; }
        @Override public TableAccess access() { return TableAccess.ALL; }
        @Override public boolean expandable() { return true; }
    }
}
