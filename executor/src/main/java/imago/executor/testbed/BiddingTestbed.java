package imago.executor.testbed;

import imago.executor.ExecutorException;
import imago.executor.load.LoadGenerator;
import imago.model.config.ConfigException;
import imago.model.config.Location;
import imago.model.config.YamlNode;
import imago.model.config.YamlTree;
import imago.model.config.YamlPath;
import imago.model.experiment.Experiment;
import imago.model.strategy.Strategy;
import imago.model.topology.Tier;
import imago.model.topology.TierKind;
import imago.model.upgrade.SchemaChange;
import imago.model.upgrade.SchemaOp;
import imago.model.workload.RequestType;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The system descriptor of the reference system the executor runs: the online-bidding service in
 * versions v1, v2 and v1.1 (bundled in this module as runnable jars), behind one ingress, with one
 * database, and the upgrades it knows ({@link #UPGRADES}): v1 -> v2 (incompatible: money converted)
 * and v1 -> v1.1 (compatible: a nullable column added). An experiment's {@code upgrade: {from, to}}
 * picks one. An experiment is only run if it describes this system; anything else is rejected, so
 * a configuration can never make the executor run other programs.
 */
public final class BiddingTestbed {

    public static final String V1 = "v1";
    public static final String V2 = "v2";
    public static final String V1_1 = "v1.1";
    private static final List<String> VERSIONS = List.of(V1, V2, V1_1);

    /**
     * An upgrade the testbed can run: its versions, whether its schema change is compatible (the old
     * version works on the new schema), and the data conversion it needs.
     */
    public record VersionPair(String from, String to, boolean compatible, Migration migration) {
    }

    /** The upgrades of the bidding testbed; an experiment's {@code upgrade: {from, to}} picks one. */
    public static final List<VersionPair> UPGRADES = List.of(
            new VersionPair(V1, V2, false, new Migration.MoneyToDecimal()),
            new VersionPair(V1, V1_1, true, new Migration.AddedColumn()));

    /** The tiers of an experiment, checked against the descriptor, and the upgrade it picks. */
    public record Shape(Tier ingress, Tier app, Tier db, VersionPair upgrade) {
    }

    private BiddingTestbed() {
    }

    /** Checks that {@code e} describes the bidding system; returns its tiers. */
    public static Shape validate(Experiment e) {
        List<Tier> tiers = e.topology().tiers();
        List<Tier> ingress = tiers.stream().filter(t -> t.kind() == TierKind.INGRESS).toList();
        List<Tier> services = tiers.stream().filter(t -> t.kind() == TierKind.SERVICE).toList();
        List<Tier> dbs = tiers.stream().filter(t -> t.kind() == TierKind.DATABASE).toList();
        if (ingress.size() != 1 || services.size() != 1 || dbs.size() != 1) {
            throw reject(e, "the bidding testbed has one ingress, one service tier (the application) and one database tier;"
                    + " this system has " + ingress.size() + ", " + services.size() + " and " + dbs.size());
        }
        if (ingress.getFirst().replicas() != 1 || dbs.getFirst().replicas() != 1) {
            throw reject(e, "the bidding testbed runs one ingress and one database server (replicas: 1)");
        }
        if (services.getFirst().replicas() > 8) {
            throw reject(e, "at most 8 application replicas on one machine (was " + services.getFirst().replicas() + ")");
        }
        String from = e.upgrade().fromVersion();
        String to = e.upgrade().toVersion();
        VersionPair pair = UPGRADES.stream().filter(u -> u.from().equals(from) && u.to().equals(to)).findFirst()
                .orElseThrow(() -> located(e, "upgrade.to", "the bidding testbed upgrades "
                        + String.join(" or ", UPGRADES.stream().map(u -> u.from() + " to " + u.to()).toList())
                        + " (was " + from + " to " + to + ")", "upgrade", "to"));
        if (!e.upgrade().tiers().equals(List.of(services.getFirst().name()))) {
            throw reject(e, "the upgraded tier must be the application tier " + services.getFirst().name());
        }
        if (e.upgrade().schema().isEmpty() || !e.upgrade().schema().get().database().equals(dbs.getFirst().name())) {
            throw reject(e, to + " changes the schema of the database tier " + dbs.getFirst().name()
                    + ": the upgrade must declare that schema change");
        }
        checkSchemaChanges(e);
        if (e.upgrade().schema().get().compatible() != pair.compatible()) {
            throw located(e, "upgrade.schema.compatible", from + " to " + to + (pair.compatible()
                    ? " adds a nullable column that " + from + " ignores: its schema change is compatible: true"
                    : " converts money, which " + from + " cannot read: its schema change is compatible: false"),
                    "upgrade", "schema", "compatible");
        }
        List<String> tables = e.upgrade().schema().get().tableNames();
        if (!pair.compatible() && tables.size() > 1 && !tables.equals(CONVERTED_TABLES)) {
            // The simulator swaps the listed tables in this order; the executor's conversion has its own.
            throw reject(e, to + " converts the tables " + String.join(", ", CONVERTED_TABLES) + " in this order (was "
                    + String.join(", ", tables) + ")");
        }
        for (RequestType t : e.workload().mix()) {
            try {
                LoadGenerator.kindOf(t);
            } catch (IllegalArgumentException x) {
                throw reject(e, x.getMessage());
            }
        }
        // The client-side code the testbed runs confirms placed bids, and nothing else calls back.
        List<String> callers = e.workload().async().from();
        List<String> bids = e.workload().mix().stream().filter(t -> LoadGenerator.kindOf(t).equals("place-bid"))
                .map(RequestType::name).toList();
        if (!callers.isEmpty() && !new java.util.HashSet<>(callers).equals(new java.util.HashSet<>(bids))) {
            throw rejectAt(e, "workload.async.from", "the testbed's client code confirms placed bids only: list "
                    + (bids.isEmpty() ? "no type (the mix places no bid)" : String.join(", ", bids)) + " or leave it out (was "
                    + String.join(", ", callers) + ")");
        }
        return new Shape(ingress.getFirst(), services.getFirst(), dbs.getFirst(), pair);
    }

    /**
     * The declared changes must be what v2's conversion does (BiddingSchema.createV2): it renames
     * and retypes the money columns and adds a required currency in one copy-and-swap per table, so
     * neither version uses the other's form of any converted table; and it has no expand/contract
     * migration. A config that says otherwise would have the simulator and the executor disagree.
     */
    private static void checkSchemaChanges(Experiment e) {
        SchemaChange schema = e.upgrade().schema().orElseThrow();
        SchemaOp.TableAccess expected = BUILT_ACCESS.get(e.upgrade().toVersion());
        // The compatible: shorthand says nothing finer than compatible or not, which validate checks for every build.
        for (String table : schema.changes().isEmpty() ? List.<String>of() : schema.tableNames()) {
            SchemaOp.TableAccess a = schema.access(table);
            if (expected != null && !a.equals(expected)) {
                throw rejectAt(e, "upgrade.schema.changes", "v2's conversion leaves neither version able to use the other's form of table " + table
                        + " (its money columns renamed and retyped, a required currency added), but the declared changes say the old version "
                        + (a.oldReads() ? "reads" : "cannot read") + " and " + (a.oldWrites() ? "writes" : "cannot write")
                        + " it and the new one " + (a.newReadsUnconverted() ? "uses" : "cannot use") + " it unconverted");
            }
        }
        for (var scenario : e.scenarios()) {
            if (Strategy.expandContract(scenario.strategy())) {
                String at = YamlPath.named(Path.of(e.source()), "scenarios", scenario.name());
                throw rejectAt(e, at + ".strategy.expandContract", "v2's build has no expand/contract migration"
                        + " (its conversion renames and retypes in one copy-and-swap, and v2 writes only the new columns);"
                        + " run this scenario with the simulator");
            }
        }
    }

    /** What each built version's conversion leaves each version able to do with every converted table. */
    private static final java.util.Map<String, SchemaOp.TableAccess> BUILT_ACCESS = java.util.Map.of(V2, SchemaOp.TableAccess.NONE);

    /** A rejection located at {@code field} of the config file: {@code file:line:col: field: ...}. */
    private static ExecutorException rejectAt(Experiment e, String field, String why) {
        return new ExecutorException(YamlPath.locate(Path.of(e.source()), field) + ": " + field
                + ": not a system the executor can run: " + why);
    }

    private static ExecutorException reject(Experiment e, String why) {
        return new ExecutorException(e.source() + ": not a system the executor can run: " + why);
    }

    /** The tables v2 converts, in the order {@code Conversion.inPlace} copies and swaps them, as schema.tables names them. */
    public static final List<String> CONVERTED_TABLES = List.of("items", "bids");

    /**
     * A one-line error {@code file:line:col: field: message} at the value {@code keys} leads to in the
     * experiment's file (the experiment keeps only its source, so the file is read again); at the
     * file when it cannot be read or the value is not there.
     */
    private static ExecutorException located(Experiment e, String field, String why, String... keys) {
        Location at = new Location(e.source(), 0, 0);
        try {
            YamlNode n = YamlTree.read(Path.of(e.source()));
            at = n.location();
            for (String k : keys) {
                if (!(n instanceof YamlNode.Mapping m) || !m.values().containsKey(k)) {
                    break;
                }
                n = m.values().get(k);
                at = n.location();
            }
        } catch (ConfigException | java.nio.file.InvalidPathException x) {
            // the experiment was not read from a file (a test's inline config): its source is the place
        }
        return new ExecutorException(new ConfigException(at, field, "not an upgrade the executor can run: " + why)
                .getMessage());
    }

    /** One read of each kind the load sends: what a node's warm-up asks before it takes traffic. */
    public static final List<String> WARM_UP_READS = List.of("/items/1", "/items?category=0&page=0", "/users/1");

    /** The testbed's main class, for a launch with a classpath (a node with a {@code lib} folder). */
    public static final String MAIN_CLASS = "imago.testbed.bidding.BiddingApp";
    /** v1's Gson: on v2's classpath ahead of v2's own 2.13.2, it is the conflicting jar of fault type 3. */
    public static final String CONFLICTING_LIBRARY = "gson-2.10.1.jar";

    /** Copies the bundled conflicting library ({@link #CONFLICTING_LIBRARY}) to {@code target}. */
    public static void installConflictingLibrary(Path target) throws IOException {
        copyResource(CONFLICTING_LIBRARY, target);
    }

    /** Copies the bundled jar of {@code version} to {@code target}: the real Install action. */
    public static void install(String version, Path target) throws IOException {
        if (!VERSIONS.contains(version)) {
            throw new ExecutorException("no bundled testbed version " + version);
        }
        copyResource("bidding-" + version + ".jar", target);
    }

    private static void copyResource(String resource, Path target) throws IOException {
        try (InputStream in = BiddingTestbed.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new ExecutorException("the testbed jar " + resource + " is not bundled: build the testbed"
                        + " together with the executor (./mvnw -pl testbed/bidding-v1,testbed/bidding-v2,executor package)");
            }
            Files.createDirectories(target.getParent());
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
