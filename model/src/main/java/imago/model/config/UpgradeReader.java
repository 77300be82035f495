package imago.model.config;

import imago.model.dist.Dist;
import imago.model.fault.FaultType;
import imago.model.plan.StepKind;
import imago.model.topology.Tier;
import imago.model.topology.TierKind;
import imago.model.topology.Topology;
import imago.model.upgrade.ConfigDirective;
import imago.model.upgrade.InterfaceChange;
import imago.model.upgrade.LibraryChange;
import imago.model.upgrade.SchemaChange;
import imago.model.upgrade.SchemaOp;
import imago.model.upgrade.Upgrade;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads {@code upgrade:}: what differs between the two versions. */
final class UpgradeReader {

    private UpgradeReader() {
    }

    static Upgrade upgrade(ConfigObject u, Topology topology) {
        String from = u.string("from", "v1");
        String to = u.string("to", "v2");
        if (from.equals(to)) {
            throw u.error("to", "must differ from 'from' (both '" + to + "')");
        }
        List<String> tiers = u.strings("tiers");
        if (!u.has("tiers")) {
            tiers = topology.tiers().stream().filter(t -> t.kind() == TierKind.SERVICE).map(Tier::name).toList();
        }
        if (tiers.isEmpty()) {
            throw u.error("tiers", "must name at least one service tier to upgrade");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < tiers.size(); i++) {
            String p = u.path("tiers") + "[" + i + "]";
            Optional<Tier> t = topology.tier(tiers.get(i));
            if (t.isEmpty()) {
                throw ConfigObject.located(u.item("tiers", i), p, "no tier named '" + tiers.get(i) + "'");
            }
            if (t.get().kind() != TierKind.SERVICE) {
                throw ConfigObject.located(u.item("tiers", i), p, "only service tiers are upgraded (" + tiers.get(i) + " is " + t.get().kind().configName() + ")");
            }
            if (!seen.add(tiers.get(i))) {
                throw ConfigObject.located(u.item("tiers", i), p, "listed twice");
            }
        }
        Optional<SchemaChange> schema = u.optionalObject("schema").map(s -> {
            List<Tier> dbs = topology.databases();
            String db = s.string("database", dbs.size() == 1 ? dbs.getFirst().name() : "");
            if (db.isEmpty()) {
                throw new ConfigException(s.location(), s.path("database"), "required when the system has "
                        + (dbs.isEmpty() ? "no" : "several") + " database tiers");
            }
            Optional<Tier> t = topology.tier(db);
            if (t.isEmpty() || t.get().kind() != TierKind.DATABASE) {
                throw s.error("database", "no database tier named '" + db + "'");
            }
            List<SchemaChange.Table> tables = tables(s);
            List<SchemaOp> changes = SchemaChangesReader.changes(s, tables);
            boolean compatible = SchemaChangesReader.compatible(s, tables, changes);
            var sc = new SchemaChange(db, compatible, tables, changes, s.requiredNumber("conversionRate", 0, true),
                    optionalRate(s, "parallelRate"), optionalRate(s, "offlineRate"), optionalRate(s, "rollbackRate"),
                    optionalRate(s, "exportRate"));
            s.done();
            return sc;
        });
        List<ConfigDirective> directives = u.list("directives", (n, p) -> {
            ConfigObject d = ConfigObject.of(n, p);
            var v = new ConfigDirective(d.string("name"), d.bool("semanticsChanged", false));
            d.done();
            return v;
        });
        List<LibraryChange> libraries = u.list("libraries", (n, p) -> {
            ConfigObject d = ConfigObject.of(n, p);
            var v = new LibraryChange(d.string("name"), d.string("from"), d.string("to"));
            d.done();
            return v;
        });
        List<InterfaceChange> interfaces = u.list("interfaces", (n, p) -> {
            ConfigObject d = ConfigObject.of(n, p);
            String name = d.string("name");
            InterfaceChange.Move move = d.choice("move", InterfaceChange.Move.values(), InterfaceChange.Move::configName, null);
            String fromTier = d.string("from");
            String toTier = d.string("to", fromTier);
            for (String f : List.of("from", "to")) {
                String v = f.equals("from") ? fromTier : toTier;
                if (topology.tier(v).isEmpty() && !(f.equals("to") && v.equals("client"))) {
                    throw d.error(f, "no tier named '" + v + "'");
                }
            }
            d.done();
            return new InterfaceChange(name, move, fromTier, toTier);
        });
        List<String> moved = u.strings("movedLocations");
        for (int i = 0; i < moved.size(); i++) {
            if (topology.tier(moved.get(i)).isEmpty()) {
                throw ConfigObject.located(u.item("movedLocations", i), u.path("movedLocations") + "[" + i + "]", "no tier named '" + moved.get(i) + "'");
            }
        }
        Map<StepKind, Dist> times = new EnumMap<>(StepKind.class);
        u.optionalObject("stepTimes").ifPresent(st -> {
            YamlNode.Mapping m = st.underlying();
            for (String key : m.values().keySet()) {
                StepKind kind = StepKind.parse(key).orElseThrow(() -> st.keyError(key, "unknown step kind (expected one of "
                        + String.join(", ", Arrays.stream(StepKind.values()).map(StepKind::configName).toList()) + ")"));
                if (kind == StepKind.CONVERT_DATA || kind == StepKind.SYNC_DATA) {
                    throw st.error(key, "derived from the schema's rows and conversionRate; it cannot be set");
                }
                times.put(kind, st.dist(key));
            }
        });
        Map<FaultType, Dist> faultyStart = new EnumMap<>(FaultType.class);
        u.optionalObject("faultyStartTimes").ifPresent(st -> {
            for (String key : st.underlying().values().keySet()) {
                faultyStart.put(FaultsReader.faultType(st, key), st.dist(key));
            }
            st.done();
        });
        u.done();
        return new Upgrade(from, to, tiers, schema, directives, libraries, interfaces, moved, times, faultyStart);
    }

    /** Most tables a schema change lists: the simulator keeps a request's tables as bits of one long. */
    static final int MAX_TABLES = 64;

    /**
     * {@code tables: [{name, rows}]} in conversion order, or {@code rows:} alone as one table; both
     * given, {@code rows} must be their sum.
     */
    private static List<SchemaChange.Table> tables(ConfigObject s) {
        if (!s.has("tables")) {
            return List.of(new SchemaChange.Table(SchemaChange.ONE_TABLE, s.requiredInteger("rows", 1)));
        }
        Set<String> names = new HashSet<>();
        List<SchemaChange.Table> tables = s.list("tables", (n, p) -> {
            ConfigObject t = ConfigObject.of(n, p);
            String name = t.string("name");
            if (!names.add(name)) {
                throw t.error("name", "table '" + name + "' listed twice");
            }
            var table = new SchemaChange.Table(name, t.requiredInteger("rows", 1), SchemaChangesReader.columns(t),
                    t.number("rowCost", 1, 0, true));
            t.done();
            return table;
        });
        if (tables.isEmpty()) {
            throw s.error("tables", "must list at least one table");
        }
        if (tables.size() > MAX_TABLES) {
            throw s.error("tables", "at most " + MAX_TABLES + " tables (was " + tables.size() + ")");
        }
        long sum = tables.stream().mapToLong(SchemaChange.Table::rows).sum();
        if (s.has("rows") && s.requiredInteger("rows", 1) != sum) {
            throw s.error("rows", "must equal the tables' rows, " + sum + " (was " + s.requiredInteger("rows", 1) + ")");
        }
        return tables;
    }

    private static java.util.OptionalDouble optionalRate(ConfigObject o, String key) {
        return o.has(key) ? java.util.OptionalDouble.of(o.requiredNumber(key, 0, true)) : java.util.OptionalDouble.empty();
    }
}
