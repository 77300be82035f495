package imago.model.config;

import imago.model.upgrade.SchemaChange;
import imago.model.upgrade.SchemaOp;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads {@code upgrade.schema.changes: [{op: rename-column, table, column, to}, ...]} against the
 * schema's tables (and their columns, where listed), and the {@code compatible:} shorthand.
 */
final class SchemaChangesReader {

    static final List<String> OPS = List.of("add-column", "drop-column", "rename-column", "change-type", "add-not-null",
            "add-table", "drop-table", "rename-table", "add-index", "backfill");

    private SchemaChangesReader() {
    }

    /** A table's {@code columns: [..]}, each named once; empty when not listed. */
    static List<String> columns(ConfigObject t) {
        List<String> columns = t.strings("columns");
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < columns.size(); i++) {
            if (!seen.add(columns.get(i))) {
                throw ConfigObject.located(t.item("columns", i), t.path("columns") + "[" + i + "]",
                        "column '" + columns.get(i) + "' listed twice");
            }
        }
        return columns;
    }

    /**
     * The operations, each on a listed table; on a table that lists its columns, each column an
     * operation names must exist at that point (operations apply in order: a column renamed by one
     * is known by its new name to the next).
     */
    static List<SchemaOp> changes(ConfigObject s, List<SchemaChange.Table> tables) {
        Map<String, Set<String>> columns = new HashMap<>();
        for (SchemaChange.Table t : tables) {
            if (!t.columns().isEmpty()) {
                columns.put(t.name(), new LinkedHashSet<>(t.columns()));
            }
        }
        List<String> names = tables.stream().map(SchemaChange.Table::name).toList();
        if (s.has("changes") && s.list("changes", (n, p) -> n).isEmpty()) {
            throw s.error("changes", "must list at least one operation (or leave it out and say compatible: true or false)");
        }
        return s.list("changes", (n, p) -> op(ConfigObject.of(n, p), names, columns));
    }

    private static SchemaOp op(ConfigObject o, List<String> tables, Map<String, Set<String>> columns) {
        String kind = o.string("op");
        if (!OPS.contains(kind)) {
            throw o.error("op", "unknown operation '" + kind + "' (expected one of " + String.join(", ", OPS) + ")");
        }
        String table = o.string("table");
        if (!tables.contains(table)) {
            throw o.error("table", "no table '" + table + "' in schema.tables (" + String.join(", ", tables) + ")");
        }
        Set<String> cols = columns.get(table);
        SchemaOp op = switch (kind) {
            case "add-column" -> {
                String c = o.string("column");
                if (cols != null && !cols.add(c)) {
                    throw o.error("column", "table '" + table + "' already has a column '" + c + "'");
                }
                yield new SchemaOp.AddColumn(table, c, o.bool("nullable", true), defaultValue(o));
            }
            case "drop-column" -> {
                String c = existing(o, "column", table, cols);
                if (cols != null) {
                    cols.remove(c);
                }
                yield new SchemaOp.DropColumn(table, c);
            }
            case "rename-column" -> {
                String c = existing(o, "column", table, cols);
                String to = o.string("to");
                if (cols != null) {
                    if (cols.contains(to)) {
                        throw o.error("to", "table '" + table + "' already has a column '" + to + "'");
                    }
                    cols.remove(c);
                    cols.add(to);
                }
                yield new SchemaOp.RenameColumn(table, c, to);
            }
            case "change-type" -> new SchemaOp.ChangeType(table, existing(o, "column", table, cols), o.string("type"));
            case "add-not-null" -> new SchemaOp.AddNotNull(table, existing(o, "column", table, cols), defaultValue(o));
            case "add-table" -> new SchemaOp.AddTable(table);
            case "drop-table" -> new SchemaOp.DropTable(table);
            case "rename-table" -> new SchemaOp.RenameTable(table, o.string("to"));
            case "add-index" -> new SchemaOp.AddIndex(table, existing(o, "column", table, cols));
            default -> new SchemaOp.Backfill(table, existing(o, "column", table, cols));
        };
        o.done();
        return op;
    }

    private static Optional<String> defaultValue(ConfigObject o) {
        return o.node("default").map(n -> ConfigObject.asString(n, o.path("default")));
    }

    /** A column the table has at this point, when it lists its columns. */
    private static String existing(ConfigObject o, String key, String table, Set<String> cols) {
        String c = o.string(key);
        if (cols != null && !cols.contains(c)) {
            throw o.error(key, "table '" + table + "' has no column '" + c + "' (it has " + String.join(", ", cols) + ")");
        }
        return c;
    }

    /**
     * {@code compatible:} alone, or derived from the changes; both given, they must agree: the
     * shorthand would otherwise say one thing and the operations another.
     */
    static boolean compatible(ConfigObject s, List<SchemaChange.Table> tables, List<SchemaOp> changes) {
        if (changes.isEmpty()) {
            return s.bool("compatible", false);
        }
        boolean derived = SchemaChange.derivedCompatible(tables, changes);
        if (s.has("compatible") && s.bool("compatible", derived) != derived) {
            String why = "the changes leave every table readable and writable by the old version";
            if (!derived) {
                int i = firstBreaking(changes);
                SchemaOp op = changes.get(i);
                why = "changes[" + i + "] (" + op.kind() + ") leaves the old version unable to "
                        + (op.access().oldReads() ? "write" : "read") + " table '" + op.table() + "'";
            }
            throw s.error("compatible", "contradicts the changes: " + why + "; leave compatible out, it is derived from them");
        }
        return derived;
    }

    /** The index of the first operation that leaves the old version unable to read or write its table. */
    static int firstBreaking(List<SchemaOp> changes) {
        for (int i = 0; i < changes.size(); i++) {
            if (!changes.get(i).access().oldCompatible()) {
                return i;
            }
        }
        throw new IllegalStateException("no breaking change among " + changes);
    }
}
