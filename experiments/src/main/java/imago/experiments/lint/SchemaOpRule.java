package imago.experiments.lint;

import imago.model.plan.PlanState;
import imago.model.plan.Universe;
import imago.model.strategy.Strategy;
import imago.model.topology.Dependency;
import imago.model.topology.DependencyKind;
import imago.model.topology.TierKind;
import imago.model.upgrade.SchemaChange;
import imago.model.upgrade.SchemaOp;
import imago.model.workload.RequestType;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * One hazardous kind of schema operation ({@code upgrade.schema.changes[i]}): old-version nodes
 * still serve on the shared data once the operation's table is converted, and some request type
 * they serve uses that table in a way the operation breaks (any use, or writes only when
 * {@code writesOnly}). Expand/contract plans are spared: the old columns stay until every node is new.
 *
 * @param matches    the operations this rule is about
 * @param writesOnly the operation breaks the old version's writes, not its reads
 * @param harm       what goes wrong, said of the operation
 */
record SchemaOpRule(String name, String doc, Predicate<SchemaOp> matches, boolean writesOnly,
                    java.util.function.Function<SchemaOp, String> harm) implements Rule {

    /** The rules, one per hazardous kind of operation, in the README's order. */
    static List<Rule> all() {
        return List.of(
                new SchemaOpRule("rename-breaks-old-version",
                        "a renamed column or table is converted while old-version nodes, which use the old name, still serve",
                        op -> op instanceof SchemaOp.RenameColumn || op instanceof SchemaOp.RenameTable, false,
                        op -> op instanceof SchemaOp.RenameColumn r ? "renames " + r.table() + "." + r.column() + " to " + r.to()
                                : "renames table " + op.table() + " to " + ((SchemaOp.RenameTable) op).to()),
                new SchemaOpRule("not-null-without-default",
                        "a NOT NULL column without a default fails the inserts of old-version nodes still serving",
                        op -> op instanceof SchemaOp.AddColumn a && !a.nullable() && a.defaultValue().isEmpty()
                                || op instanceof SchemaOp.AddNotNull n && n.defaultValue().isEmpty(), true,
                        op -> "makes " + op.table() + "." + column(op) + " NOT NULL without a default"),
                new SchemaOpRule("type-change-breaks-old-version",
                        "a column's type change is converted while old-version nodes, which map the old type, still serve",
                        op -> op instanceof SchemaOp.ChangeType, false,
                        op -> "changes the type of " + op.table() + "." + column(op) + " to " + ((SchemaOp.ChangeType) op).type()),
                new SchemaOpRule("drop-column-read-by-old-version",
                        "a dropped column is removed while old-version nodes, which select it, still serve",
                        op -> op instanceof SchemaOp.DropColumn, false,
                        op -> "drops " + op.table() + "." + column(op)),
                new SchemaOpRule("drop-table-used-by-old-version",
                        "a dropped table is removed while old-version nodes, which use it, still serve",
                        op -> op instanceof SchemaOp.DropTable, false,
                        op -> "drops table " + op.table()));
    }

    private static String column(SchemaOp op) {
        return switch (op) {
            case SchemaOp.AddColumn a -> a.column();
            case SchemaOp.DropColumn d -> d.column();
            case SchemaOp.RenameColumn r -> r.column();
            case SchemaOp.ChangeType c -> c.column();
            case SchemaOp.AddNotNull n -> n.column();
            case SchemaOp.AddIndex i -> i.column();
            case SchemaOp.Backfill b -> b.column();
            case SchemaOp.AddTable t -> "";
            case SchemaOp.DropTable t -> "";
            case SchemaOp.RenameTable t -> "";
        };
    }

    @Override
    public List<Finding> check(Subject s) {
        List<Finding> out = new ArrayList<>();
        SchemaChange schema = s.experiment().upgrade().schema().orElse(null);
        if (schema == null) {
            return out;
        }
        List<String> readers = readers(s, schema);
        // Scenarios whose plans are hit at the same steps (the same strategy, other faults) share one finding.
        java.util.Map<List<Integer>, List<String>> bySteps = new java.util.LinkedHashMap<>();
        for (int k = 0; k < s.plans().size(); k++) {
            Strategy strategy = s.scenarios().get(k).strategy();
            if (Strategy.expandContract(strategy)) {
                continue;
            }
            List<Integer> steps = s.stepsWhere(k, st -> oldReaderOnConvertedData(st, readers));
            if (!steps.isEmpty()) {
                bySteps.computeIfAbsent(steps, x -> new ArrayList<>()).add("'" + s.scenarios().get(k).name() + "' (" + strategy.kind() + ")");
            }
        }
        for (int i = 0; i < schema.changes().size(); i++) {
            SchemaOp op = schema.changes().get(i);
            List<String> users = users(s, schema, op.table());
            if (!matches.test(op) || users.isEmpty()) {
                continue;
            }
            for (var e : bySteps.entrySet()) {
                out.add(new Finding(Finding.Severity.WARNING, name, s.at("upgrade.schema.changes[" + i + "]"),
                        (e.getValue().size() == 1 ? "scenario " : "scenarios ") + String.join(", ", e.getValue())
                                + (e.getValue().size() == 1 ? " keeps" : " keep") + " old-version " + String.join("/", readers)
                                + " nodes serving after changes[" + i + "] " + harm.apply(op) + "; their " + String.join(", ", users)
                                + " requests fail on it; use expandContract: true, imago or blue-green", e.getKey()));
            }
        }
        return out;
    }

    /** The tiers that read the schema database's data. */
    static List<String> readers(Subject s, SchemaChange schema) {
        return s.experiment().topology().dependencies().stream()
                .filter(d -> d.to().equals(schema.database()) && (d.kind() == DependencyKind.SCHEMA || d.kind() == DependencyKind.DATA))
                .map(Dependency::from).distinct().toList();
    }

    /** The request types that reach the database and use {@code table} (writing ones only, when {@code writesOnly}). */
    private List<String> users(Subject s, SchemaChange schema, String table) {
        List<String> out = new ArrayList<>();
        for (RequestType t : s.experiment().workload().mix()) {
            boolean reachesDb = t.path().stream().anyMatch(p -> s.experiment().topology().tier(p)
                    .map(tier -> tier.kind() == TierKind.DATABASE && tier.name().equals(schema.database())).orElse(false));
            boolean uses = t.tables().map(ts -> ts.contains(table)).orElse(true);
            if (reachesDb && uses && (t.write() || !writesOnly)) {
                out.add(t.name());
            }
        }
        return out;
    }

    /** Old-version nodes of a reading tier serve in the serving universe after its data's conversion began. */
    static boolean oldReaderOnConvertedData(PlanState st, List<String> readers) {
        Universe u = st.servingUniverse();
        if (!st.data(u).conversionStarted()) {
            return false;
        }
        for (String tier : readers) {
            for (String n : st.servingNodes(tier)) {
                if (!st.node(u, n).newVersion()) {
                    return true;
                }
            }
        }
        return false;
    }
}
