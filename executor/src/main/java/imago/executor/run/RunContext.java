package imago.executor.run;

import imago.executor.ExecutorEvent;
import imago.executor.ExecutorException;
import imago.executor.ExecutorOptions;
import imago.executor.db.DatabaseServer;
import imago.executor.ingress.Ingress;
import imago.executor.ingress.Routing;
import imago.executor.load.LoadGenerator;
import imago.executor.process.Http;
import imago.executor.process.ProcessSupervisor;
import imago.executor.testbed.SystemUnderTest;
import imago.model.experiment.Experiment;
import imago.model.experiment.Scenario;
import imago.model.health.Readiness;
import imago.model.plan.Plan;
import imago.model.plan.Universe;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * One run's shared state, owned by its {@link Run} and changed by the step actions, the fault
 * mechanisms and the recovery: the nodes and databases of each universe, which universe serves, the
 * ingress, the load, the monitor, the syncer, the faults and the step records. Fields are
 * package-private: the run's parts are one unit, this class only keeps them in one place.
 */
final class RunContext {

    final Experiment experiment;
    final Scenario scenario;
    final Plan plan;
    final ExecutorOptions options;
    final SystemUnderTest system;
    final String from;
    final String to;
    final Path work;
    final ProcessSupervisor supervisor;
    final Http http;
    /** Readiness probes, with the probe's own time-out. */
    final Http probe;
    final Readiness readiness = Readiness.defaults();
    final String adminPassword = secret();
    final String appPassword = secret();
    final Duration clientTimeout;
    final Map<String, AppNode> apps = new ConcurrentHashMap<>();
    final Map<Universe, DatabaseServer> dbs = Collections.synchronizedMap(new EnumMap<>(Universe.class));
    final List<StepRecord> steps = Collections.synchronizedList(new ArrayList<>());
    final List<long[]> nodeCounts = Collections.synchronizedList(new ArrayList<>());
    final ExecutorService stepThreads = Executors.newVirtualThreadPerTaskExecutor();
    final Faults faults;
    final Nodes nodes;
    /** The node and data state the steps declare (see {@link RunView}). */
    final RunState state;
    volatile Universe serving = Universe.PRODUCTION;
    Ingress ingress;
    LoadGenerator load;
    ProductionMonitor monitor;
    Optional<Syncer> syncer = Optional.empty();
    /** The universe whose database records its writes for a possible switch back. */
    volatile Optional<Universe> reverseCapture = Optional.empty();
    long switchedAt;
    boolean rolledBack;
    boolean syncNeverConverges;
    boolean timedOut;
    int extraSteps;

    RunContext(Experiment experiment, Scenario scenario, Plan plan, ExecutorOptions options, SystemUnderTest system,
               Path work) {
        this.experiment = experiment;
        this.scenario = scenario;
        this.plan = plan;
        this.options = options;
        this.system = system;
        this.from = experiment.upgrade().fromVersion();
        this.to = experiment.upgrade().toVersion();
        this.work = work;
        this.clientTimeout = Duration.ofMillis(Math.max(200, (long) (experiment.workload().timeoutS() * 1000)));
        this.supervisor = new ProcessSupervisor(p -> {
            options.progress().accept(new ExecutorEvent.ProcessStarted(p.name(), p.pid(), p.port()));
            countNodes();
        });
        this.http = new Http(clientTimeout);
        this.probe = new Http(Duration.ofMillis((long) (readiness.probeTimeoutS() * 1000)));
        this.faults = new Faults(this);
        this.nodes = new Nodes(this);
        this.state = new RunState(experiment.topology(), from, to);
    }

    private static String secret() {
        byte[] b = new byte[12];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    void note(String text) {
        options.progress().accept(new ExecutorEvent.Note(text));
    }

    static Duration seconds(double s) {
        return Duration.ofMillis((long) (s * 1000));
    }

    /** A plan's duration on this machine: pauses, readiness delays and runtime tests scale. */
    Duration scaled(double s) {
        return Duration.ofMillis((long) (s * options.timeScale() * 1000));
    }

    Optional<AppNode> node(Universe u, String name) {
        return Optional.ofNullable(apps.get(u.configName() + "/" + name));
    }

    AppNode requireNode(Universe u, String name, String what) {
        return node(u, name).orElseThrow(() -> new ExecutorException(what + " on unknown node " + name));
    }

    boolean isDbNode(String name) {
        return system.dbNodes().contains(name);
    }

    DatabaseServer requireDb(Universe u) {
        DatabaseServer db = dbs.get(u);
        if (db == null) {
            throw new ExecutorException("no database in the " + u.configName() + " universe");
        }
        return db;
    }

    /** Starts the database server of a universe (its data empty). */
    DatabaseServer startDatabase(Universe u, String node) throws IOException, InterruptedException {
        DatabaseServer db = DatabaseServer.start(options.database(), supervisor, u.configName() + "/" + node,
                work.resolve("db-" + u.configName()), adminPassword, options.startTimeout());
        dbs.put(u, db);
        return db;
    }

    /** Administration work on a database. */
    interface DatabaseWork {
        void on(Connection admin) throws SQLException;
    }

    /**
     * Runs {@code work} on the database of {@code u} if that is a new universe's (production's was
     * set up with the run); false when there was nothing to do.
     */
    boolean inNewDatabase(Universe u, DatabaseWork work) throws SQLException {
        if (u == Universe.PRODUCTION) {
            return false;
        }
        try (Connection c = requireDb(u).admin()) {
            work.on(c);
        }
        return true;
    }

    boolean anyInRotation(Universe u) {
        return apps.values().stream().anyMatch(n -> n.universe == u && n.inRotation);
    }

    /** Records how many processes of the system run now (the ingress counts as one). */
    void countNodes() {
        long n = 1 + apps.values().stream().filter(AppNode::running).count()
                + dbs.values().stream().filter(d -> d.process().alive()).count();
        nodeCounts.add(new long[] {System.nanoTime(), n});
    }

    List<long[]> nodeCountsCopy() {
        synchronized (nodeCounts) {
            return new ArrayList<>(nodeCounts);
        }
    }

    /** Sleeps, returning early when the production monitor has detected something. */
    void observe(Duration d) throws InterruptedException {
        long until = System.nanoTime() + d.toNanos();
        while (System.nanoTime() < until && monitor.detection().isEmpty()) {
            Thread.sleep(Math.min(50, Math.max(1, (until - System.nanoTime()) / 1_000_000)));
        }
    }

    /**
     * The canary's split at the ingress before its first weight: weight 0, so canary nodes started
     * beside the stable ones take no session yet; drawn from the run's seed (as the load is).
     */
    Routing.Split split() {
        return new Routing.Split(to, 0, experiment.seed() * 31 + options.replication());
    }

    /** Whether the plan is a canary's: it routes by weight. */
    boolean routesByWeight() {
        return plan.steps().stream().anyMatch(ps -> ps.step() instanceof imago.model.plan.Step.SetWeight);
    }

    /** Stops the background sync, if any, and closes its connections. */
    void closeSyncer() {
        syncer.ifPresent(Syncer::close);
        syncer = Optional.empty();
    }
}
