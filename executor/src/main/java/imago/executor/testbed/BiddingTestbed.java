package imago.executor.testbed;

import imago.executor.ExecutorException;
import imago.executor.load.LoadGenerator;
import imago.model.experiment.Experiment;
import imago.model.topology.Tier;
import imago.model.topology.TierKind;
import imago.model.workload.RequestType;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The system descriptor of the reference system the executor runs: the online-bidding service in
 * versions v1 and v2 (bundled in this module as runnable jars), behind one ingress, with one
 * database. An experiment is only run if it describes this system; anything else is rejected, so a
 * configuration can never make the executor run other programs.
 */
public final class BiddingTestbed {

    public static final String V1 = "v1";
    public static final String V2 = "v2";
    private static final List<String> VERSIONS = List.of(V1, V2);

    /** The tiers of an experiment, checked against the descriptor. */
    public record Shape(Tier ingress, Tier app, Tier db) {
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
        if (!e.upgrade().fromVersion().equals(V1) || !e.upgrade().toVersion().equals(V2)) {
            throw reject(e, "the bidding testbed upgrades v1 to v2 (was " + e.upgrade().fromVersion() + " to "
                    + e.upgrade().toVersion() + ")");
        }
        if (!e.upgrade().tiers().equals(List.of(services.getFirst().name()))) {
            throw reject(e, "the upgraded tier must be the application tier " + services.getFirst().name());
        }
        if (e.upgrade().schema().isEmpty() || !e.upgrade().schema().get().database().equals(dbs.getFirst().name())) {
            throw reject(e, "v2 changes the schema of the database tier " + dbs.getFirst().name()
                    + ": the upgrade must declare that schema change");
        }
        List<String> tables = e.upgrade().schema().get().tableNames();
        if (tables.size() > 1 && !tables.equals(CONVERTED_TABLES)) {
            // The simulator swaps the listed tables in this order; the executor's conversion has its own.
            throw reject(e, "v2 converts the tables " + String.join(", ", CONVERTED_TABLES) + " in this order (was "
                    + String.join(", ", tables) + ")");
        }
        for (RequestType t : e.workload().mix()) {
            try {
                LoadGenerator.kindOf(t);
            } catch (IllegalArgumentException x) {
                throw reject(e, x.getMessage());
            }
        }
        return new Shape(ingress.getFirst(), services.getFirst(), dbs.getFirst());
    }

    private static ExecutorException reject(Experiment e, String why) {
        return new ExecutorException(e.source() + ": not a system the executor can run: " + why);
    }

    /** The tables v2 converts, in the order {@code Conversion.inPlace} copies and swaps them, as schema.tables names them. */
    public static final List<String> CONVERTED_TABLES = List.of("items", "bids");

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
