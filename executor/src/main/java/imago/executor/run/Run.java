package imago.executor.run;

import imago.executor.DatabaseKind;
import imago.executor.ExecutorEvent;
import imago.executor.ExecutorException;
import imago.executor.ExecutorOptions;
import imago.executor.ExecutorRun;
import imago.model.fault.FaultInjection;
import imago.executor.db.BiddingSchema;
import imago.executor.db.ChangeCapture;
import imago.executor.db.Conversion;
import imago.executor.db.DatabaseServer;
import imago.executor.db.Integrity;
import imago.executor.db.PostgresServer;
import imago.executor.db.Sync;
import imago.executor.ingress.Backend;
import imago.executor.ingress.Ingress;
import imago.executor.ingress.Routing;
import imago.executor.load.LoadGenerator;
import imago.executor.load.RequestRecord;
import imago.executor.metrics.Logs;
import imago.executor.metrics.Metrics;
import imago.executor.metrics.RunFacts;
import imago.executor.process.Http;
import imago.executor.process.JavaCommand;
import imago.executor.process.WorkFolder;
import imago.executor.process.ManagedProcess;
import imago.executor.process.ProcessSupervisor;
import imago.executor.testbed.BiddingTestbed;
import imago.executor.testbed.NodeConfig;
import imago.model.dist.Dist;
import imago.model.experiment.Experiment;
import imago.model.experiment.Scenario;
import imago.model.fault.FaultType;
import imago.model.health.MonitorRule;
import imago.model.health.Readiness;
import imago.model.metrics.FaultCounts;
import imago.model.metrics.Outcome;
import imago.model.metrics.RunResult;
import imago.model.plan.Plan;
import imago.model.plan.PlannedStep;
import imago.model.plan.Step;
import imago.model.plan.StepKind;
import imago.model.plan.Universe;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * One real run of one plan: sets the bidding system up (database server, seeded data, v1 nodes,
 * ingress), offers load, carries out the plan's steps as real actions, injects the configured real
 * faults, detects and recovers from what they break, checks the data afterwards, computes the
 * metrics, and releases every process, port and file it made, whatever happens.
 *
 * <p>Detection and recovery follow the strategy's nature, not a strategy name: a step that fails in
 * production, or a new-version node that the production monitor sees failing, leads to a rollback
 * to v1; a failure in a parallel universe before the switch (a node that will not start, a runtime
 * test that finds differences) leads to a repair there and a retry; a failure after a switch, while
 * the old universe still exists, reverses the switch.
 */
public final class Run implements AutoCloseable {

    private static final Duration STOP_GRACE = Duration.ofSeconds(5);
    private static final int MAX_REPAIRS = 3;

    private final Experiment experiment;
    private final Scenario scenario;
    private final Plan plan;
    private final ExecutorOptions options;
    private final BiddingTestbed.Shape shape;
    private final String from;
    private final String to;
    private final WorkFolder workFolder;
    /** The thread carrying the run out, for a shutdown (a signal) to interrupt. */
    private volatile Thread runner;
    private final java.util.concurrent.CountDownLatch closed = new java.util.concurrent.CountDownLatch(1);
    private final Path work;
    private final ProcessSupervisor supervisor;
    private final Http http;
    /** Readiness probes, with the probe's own time-out. */
    private final Http probe;
    private final String adminPassword = secret();
    private final String appPassword = secret();
    private final Duration clientTimeout;
    private final Map<String, AppNode> apps = new ConcurrentHashMap<>();
    private final Map<Universe, DatabaseServer> dbs = Collections.synchronizedMap(new EnumMap<>(Universe.class));
    private final List<StepRecord> steps = Collections.synchronizedList(new ArrayList<>());
    private final List<FaultInjection> pending;
    private final List<ActiveFault> faults = Collections.synchronizedList(new ArrayList<>());
    private final List<long[]> nodeCounts = Collections.synchronizedList(new ArrayList<>());
    private final MonitorRule monitorRule = MonitorRule.defaults();
    private final Readiness readiness = Readiness.defaults();
    private final ExecutorService stepThreads = Executors.newVirtualThreadPerTaskExecutor();
    private volatile Universe serving = Universe.PRODUCTION;
    private Ingress ingress;
    private LoadGenerator load;
    private ProductionMonitor monitor;
    private Optional<Syncer> syncer = Optional.empty();
    /** The universe whose database records its writes for a possible switch back. */
    private volatile Optional<Universe> reverseCapture = Optional.empty();
    private long switchedAt;
    private boolean rolledBack;
    private boolean syncNeverConverges;
    private boolean timedOut;
    private long deadline;
    private int extraSteps;

    public Run(Experiment experiment, Scenario scenario, Plan plan, ExecutorOptions options) throws IOException {
        this.experiment = experiment;
        this.scenario = scenario;
        this.plan = plan;
        this.options = options;
        this.shape = BiddingTestbed.validate(experiment);
        this.from = experiment.upgrade().fromVersion();
        this.to = experiment.upgrade().toVersion();
        // The scenario's own faults (its fault: entries) and any the caller adds, each once.
        this.pending = Collections.synchronizedList(new ArrayList<>(new LinkedHashSet<>(
                Stream.concat(scenario.injected().stream(), options.faults().stream()).toList())));
        validateFaults();
        if (options.database() == DatabaseKind.POSTGRESQL) {
            PostgresServer.binaries(); // fails now, with what to install, not midway through the run
        }
        this.clientTimeout = Duration.ofMillis(Math.max(200, (long) (experiment.workload().timeoutS() * 1000)));
        Path root = options.workRoot().orElse(Path.of(System.getProperty("java.io.tmpdir")));
        this.supervisor = new ProcessSupervisor(p -> {
            options.progress().accept(new ExecutorEvent.ProcessStarted(p.name(), p.pid(), p.port()));
            countNodes();
        });
        // On SIGINT or SIGTERM the run unwinds as if interrupted, then the folder goes; after a
        // SIGKILL the next run's start sweeps it.
        this.workFolder = WorkFolder.create(root, "imago-run-", this::stopForShutdown);
        this.work = workFolder.path();
        this.http = new Http(clientTimeout);
        this.probe = new Http(Duration.ofMillis((long) (readiness.probeTimeoutS() * 1000)));
    }

    private void validateFaults() {
        Set<String> nodes = new LinkedHashSet<>();
        plan.steps().forEach(s -> nodes.addAll(s.step().targets()));
        for (FaultInjection f : List.copyOf(pending)) {
            boolean matches = plan.steps().stream().anyMatch(f::matches);
            if (!matches) {
                throw new ExecutorException("fault " + f + ": the plan of scenario " + scenario.name()
                        + " has no such step (its steps target " + nodes + ")");
            }
            boolean dbTarget = shape.db().nodeNames().contains(f.target());
            if (f.type() != FaultType.DATA_ACCESS && dbTarget) {
                throw new ExecutorException("fault " + f + ": a type " + f.type().number() + " fault targets an application node");
            }
        }
    }

    private static String secret() {
        byte[] b = new byte[12];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private void note(String text) {
        options.progress().accept(new ExecutorEvent.Note(text));
    }

    // ====================================================================== the run

    public ExecutorRun execute() throws InterruptedException {
        runner = Thread.currentThread();
        try {
            return runAll();
        } catch (IOException e) {
            throw new ExecutorException("run " + scenario.name() + " failed: " + e.getMessage(), e);
        } catch (SQLException e) {
            throw new ExecutorException("run " + scenario.name() + ": database error: " + e.getMessage(), e);
        }
    }

    private ExecutorRun runAll() throws IOException, SQLException, InterruptedException {
        deadline = System.nanoTime() + options.maxRun().toNanos();
        note("setting up the bidding system (" + options.data() + ")");
        setUp();
        long windowStart = System.nanoTime() + options.warmup().toNanos();
        load = new LoadGenerator(URI.create("http://127.0.0.1:" + ingress.port() + "/"), experiment.workload(),
                options.data(), experiment.seed() * 31 + options.replication(), windowStart);
        load.start();
        Thread.sleep(options.warmup().toMillis());
        windowStart = System.nanoTime();
        monitor = new ProductionMonitor(monitorRule, load, to, () -> serving, perNodeRate());
        monitor.start();
        note("window open; " + experiment.preS() + " s before the plan");
        observe(seconds(experiment.preS()));
        long upgradeStart = System.nanoTime();
        runPlan();
        long upgradeEnd = lastStepEnd(upgradeStart);
        // At least a client timeout and a detection's worth of measurements, so that requests
        // failing slowly (timeouts) after the last step are seen and acted on.
        Duration post = seconds(Math.max(experiment.postS(), experiment.workload().timeoutS() + monitor.settle().toMillis() / 1e3));
        note("plan done; " + post.toMillis() / 1000.0 + " s after it");
        for (int round = 0; round < 3; round++) {
            observe(post);
            if (monitor.detection().isEmpty()) {
                break;
            }
            handleDetection();
            upgradeEnd = lastStepEnd(upgradeStart);
        }
        Map<String, String> failing = settledFailures();
        long windowEnd = System.nanoTime();
        load.stop();
        monitor.close();
        load.awaitIdle(clientTimeout.plusSeconds(1));
        List<RequestRecord> records = load.records();
        Integrity.Report integrity = checkIntegrity(records);
        note("integrity: " + integrity);
        Outcome outcome = outcome(failing);

        FaultCounts all = FaultCounts.total(faultsByType());
        int injected = all.injected();
        int reached = all.reachedProduction();
        int caught = all.caught();
        int escaped = all.escaped();
        RunFacts facts = new RunFacts(scenario.name(), options.replication(), from, to, records, windowStart, windowEnd,
                upgradeStart, upgradeEnd, ingress.changes(), nodeCountsCopy(), experiment.topology().nodeCount(),
                experiment.upgrade().changesInterface(experiment.workload().async().interfaceName()),
                integrity.lost(), injected, reached, caught, escaped, outcome);
        RunResult result = Metrics.compute(facts).withFaultsByType(faultsByType());
        Files.createDirectories(options.outDir());
        Path requestLog = options.outDir().resolve("requests.csv.gz");
        Path stepLog = options.outDir().resolve("steps.csv");
        Logs.writeRequests(requestLog, records, windowStart);
        List<StepRecord> stepList;
        synchronized (steps) {
            stepList = new ArrayList<>(steps);
        }
        stepList.sort(Comparator.comparingInt(StepRecord::number));
        Logs.writeSteps(stepLog, stepList, windowStart);
        return new ExecutorRun(result, requestLog, stepLog);
    }

    private Map<FaultType, FaultCounts> faultsByType() {
        List<FaultCounts.Fate> fates = new ArrayList<>();
        synchronized (faults) {
            for (ActiveFault f : faults) {
                fates.add(new FaultCounts.Fate(f.spec.type(), f.reachedProduction, f.state == ActiveFault.State.CAUGHT,
                        f.escaped));
            }
        }
        return FaultCounts.byType(fates);
    }

    private Duration seconds(double s) {
        return Duration.ofMillis((long) (s * 1000));
    }

    private Duration scaled(double s) {
        return Duration.ofMillis((long) (s * options.timeScale() * 1000));
    }

    private long lastStepEnd(long fallback) {
        synchronized (steps) {
            return steps.stream().mapToLong(StepRecord::endNanos).max().orElse(fallback);
        }
    }

    private void setUp() throws IOException, SQLException, InterruptedException {
        DatabaseServer db = DatabaseServer.start(options.database(), supervisor, "production/" + shape.db().nodeName(1),
                work.resolve("db-production"), adminPassword, options.startTimeout());
        dbs.put(Universe.PRODUCTION, db);
        try (Connection c = db.admin()) {
            BiddingSchema.createV1(c);
            BiddingSchema.createAppUser(c, appPassword);
        }
        List<AppNode> nodes = new ArrayList<>();
        for (String name : shape.app().nodeNames()) {
            AppNode n = newNode(name, Universe.PRODUCTION);
            BiddingTestbed.install(from, n.jar());
            n.version = from;
            writeConfig(n);
            nodes.add(n);
        }
        // The nodes start while the data is generated: they need the database only for requests,
        // and none reaches them before the ingress starts below.
        List<Future<?>> started = new ArrayList<>();
        for (AppNode n : nodes) {
            started.add(stepThreads.submit(() -> {
                launch(n);
                return null;
            }));
        }
        long t0 = System.nanoTime();
        BiddingSchema.seed(db::admin, options.data(), experiment.seed());
        note(String.format(Locale.ROOT, "seeded %d rows in %.2f s", options.data().users() + options.data().items()
                + options.data().bids(), (System.nanoTime() - t0) / 1e9));
        for (Future<?> f : started) {
            try {
                f.get();
            } catch (ExecutionException e) {
                throw new ExecutorException("a v1 node did not start: " + e.getCause().getMessage(), e.getCause());
            }
        }
        ingress = Ingress.start(Routing.of(nodes.stream().map(AppNode::backend).toList()),
                Duration.ofMillis(clientTimeout.toMillis() * 8 / 10), Duration.ofMillis(clientTimeout.toMillis() * 6 / 10));
        nodes.forEach(n -> n.inRotation = true);
        options.progress().accept(new ExecutorEvent.IngressStarted(ingress.port()));
        countNodes();
    }

    private AppNode newNode(String name, Universe u) throws IOException {
        AppNode n = new AppNode(name, u, work.resolve("nodes").resolve(u.configName()).resolve(name), supervisor.freePort());
        Files.createDirectories(n.dir);
        apps.put(n.id(), n);
        return n;
    }

    private Optional<AppNode> node(Universe u, String name) {
        return Optional.ofNullable(apps.get(u.configName() + "/" + name));
    }

    private boolean isDbNode(String name) {
        return shape.db().nodeNames().contains(name);
    }

    private void countNodes() {
        long n = 1 + apps.values().stream().filter(AppNode::running).count()
                + dbs.values().stream().filter(d -> d.process().alive()).count();
        nodeCounts.add(new long[] {System.nanoTime(), n});
    }

    private List<long[]> nodeCountsCopy() {
        synchronized (nodeCounts) {
            return new ArrayList<>(nodeCounts);
        }
    }

    // ====================================================================== the plan

    private void runPlan() throws InterruptedException, IOException, SQLException {
        for (List<PlannedStep> group : plan.groups()) {
            if (System.nanoTime() > deadline) {
                timedOut = true;
                note("the run exceeded " + options.maxRun() + ": stopped");
                return;
            }
            if (monitor.detection().isPresent() && handleDetection()) {
                return;
            }
            if (!runGroup(group)) {
                return;
            }
        }
    }

    /** Runs one group's steps together; false when the plan must stop (after a recovery). */
    private boolean runGroup(List<PlannedStep> group) throws InterruptedException, IOException, SQLException {
        Map<PlannedStep, Future<?>> futures = new HashMap<>();
        for (PlannedStep ps : group) {
            futures.put(ps, stepThreads.submit(() -> {
                runStep(ps);
                return null;
            }));
        }
        List<Map.Entry<PlannedStep, StepFailure>> failures = new ArrayList<>();
        try {
            for (PlannedStep ps : group) {
                try {
                    futures.get(ps).get();
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof StepFailure sf) {
                        failures.add(Map.entry(ps, sf));
                    } else if (e.getCause() instanceof InterruptedException ie) {
                        throw ie;
                    } else {
                        throw new ExecutorException("step " + ps.number() + " (" + ps.step().kind().configName() + ") failed: "
                                + e.getCause(), e.getCause());
                    }
                }
            }
        } catch (InterruptedException e) {
            futures.values().forEach(f -> f.cancel(true));
            throw e;
        }
        for (var f : failures) {
            if (!recover(f.getKey(), f.getValue())) {
                return false;
            }
        }
        return !syncNeverConverges;
    }

    private void runStep(PlannedStep ps) throws Exception {
        options.progress().accept(new ExecutorEvent.StepStarted(ps));
        long start = System.nanoTime();
        String status = "ok";
        String detail = "";
        try {
            detail = act(ps);
        } catch (StepFailure e) {
            status = "failed";
            detail = e.getMessage();
            throw e;
        } catch (InterruptedException e) {
            status = "interrupted";
            throw e;
        } catch (Exception e) {
            status = "error";
            detail = e.toString();
            throw e;
        } finally {
            Step s = ps.step();
            steps.add(new StepRecord(ps.number(), ps.group(), s.kind(), s.universe(), s.targets(), start, System.nanoTime(),
                    status, detail));
            options.progress().accept(new ExecutorEvent.StepFinished(ps, status, detail));
        }
    }

    private String act(PlannedStep ps) throws Exception {
        return switch (ps.step()) {
            case Step.Provision p -> provision(ps, p);
            case Step.Drain d -> drain(d);
            case Step.Wait w -> pause(w);
            case Step.Stop s -> stop(s);
            case Step.Install i -> install(ps, i);
            case Step.Configure c -> configure(ps, c);
            case Step.Start s -> start(ps, s);
            case Step.ConvertData c -> convert(ps, c);
            case Step.SyncData s -> sync(ps, s);
            case Step.RuntimeTest t -> runtimeTest(t);
            case Step.Switch w -> switchOver(w);
            case Step.Retire r -> retire(r);
            case Step.Rollback r -> "rollback steps are added by the executor when needed";
        };
    }

    /** The faults to inject at this step on this target (taken from the pending list once). */
    private List<FaultInjection> faultsAt(PlannedStep ps, String target) {
        synchronized (pending) {
            List<FaultInjection> out = pending.stream().filter(f -> f.target().equals(target) && f.matches(ps)).toList();
            pending.removeAll(out);
            return out;
        }
    }

    // ---------------------------------------------------------------------- step actions

    private String provision(PlannedStep ps, Step.Provision p) throws Exception {
        List<String> done = new ArrayList<>();
        for (String t : p.targets()) {
            if (isDbNode(t)) {
                if (!dbs.containsKey(p.universe())) {
                    DatabaseServer db = DatabaseServer.start(options.database(), supervisor, p.universe().configName() + "/" + t,
                            work.resolve("db-" + p.universe().configName()), adminPassword, options.startTimeout());
                    dbs.put(p.universe(), db);
                    countNodes();
                    done.add(t + ": database server on port " + db.port());
                }
            } else {
                AppNode n = node(p.universe(), t).orElse(null);
                if (n == null) {
                    n = newNode(t, p.universe());
                }
                done.add(t + ": port " + n.port);
            }
            injectNodeFaults(ps, t);
        }
        return String.join("; ", done);
    }

    private String pause(Step.Wait w) throws InterruptedException {
        Duration pause = scaled(w.duration().mean());
        long t0 = System.nanoTime();
        observe(pause);
        long waited = (System.nanoTime() - t0) / 1_000_000;
        return "waited " + waited + " ms" + (waited + 20 < pause.toMillis() ? " of " + pause.toMillis() + " (a fault was detected)" : "");
    }

    private String drain(Step.Drain d) throws InterruptedException {
        Set<String> ids = new LinkedHashSet<>();
        for (String t : d.targets()) {
            node(d.universe(), t).ifPresent(n -> {
                ids.add(n.id());
                n.inRotation = false;
            });
        }
        ingress.drain(ids, true, clientTimeout.plusSeconds(1));
        return "drained " + ids;
    }

    private String stop(Step.Stop s) {
        List<String> stopped = new ArrayList<>();
        for (String t : s.targets()) {
            if (isDbNode(t)) {
                Optional.ofNullable(dbs.get(s.universe())).ifPresent(DatabaseServer::stop);
                stopped.add(t);
            } else {
                node(s.universe(), t).ifPresent(n -> {
                    stopNode(n);
                    stopped.add(t);
                });
            }
        }
        countNodes();
        return "stopped " + stopped;
    }

    private void stopNode(AppNode n) {
        if (n.inRotation) {
            ingress.update(r -> r.minus(n.id()));
            n.inRotation = false;
        }
        n.process.ifPresent(p -> supervisor.stop(p, STOP_GRACE));
        n.process = Optional.empty();
        countNodes();
    }

    private String install(PlannedStep ps, Step.Install i) throws Exception {
        List<String> done = new ArrayList<>();
        for (String t : i.targets()) {
            if (isDbNode(t)) {
                DatabaseServer db = requireDb(i.universe());
                if (i.universe() != Universe.PRODUCTION) {
                    try (Connection c = db.admin()) {
                        BiddingSchema.createV2(c);
                    }
                    done.add(t + ": v2 schema created");
                }
            } else {
                AppNode n = node(i.universe(), t).orElseThrow(() -> new ExecutorException("install on unknown node " + t));
                BiddingTestbed.install(to, n.jar());
                n.version = to;
                done.add(t + ": " + to + " (" + Files.size(n.jar()) / 1024 + " KiB)");
            }
            injectNodeFaults(ps, t);
        }
        return String.join("; ", done);
    }

    private String configure(PlannedStep ps, Step.Configure c) throws Exception {
        List<String> done = new ArrayList<>();
        for (String t : c.targets()) {
            if (isDbNode(t)) {
                if (c.universe() != Universe.PRODUCTION) {
                    try (Connection conn = requireDb(c.universe()).admin()) {
                        BiddingSchema.createAppUser(conn, appPassword);
                    }
                    done.add(t + ": application user granted");
                }
            } else {
                AppNode n = node(c.universe(), t).orElseThrow(() -> new ExecutorException("configure on unknown node " + t));
                // Configuration faults are written now, the others happen after the action.
                for (FaultInjection f : faultsAt(ps, t)) {
                    applyFault(ps, f, t);
                }
                writeConfig(n);
                done.add(t + ": " + n.config().getFileName() + (n.configFault.isPresent() ? " (faulty)" : ""));
            }
            injectNodeFaults(ps, t);
        }
        return String.join("; ", done);
    }

    private String start(PlannedStep ps, Step.Start s) throws Exception {
        List<Future<String>> started = new ArrayList<>();
        for (String t : s.targets()) {
            if (isDbNode(t)) {
                requireDb(s.universe());
                continue;
            }
            AppNode n = node(s.universe(), t).orElseThrow(() -> new ExecutorException("start on unknown node " + t));
            for (FaultInjection f : faultsAt(ps, t)) {
                applyFault(ps, f, t);
            }
            if (n.configFault.isPresent()) {
                writeConfig(n);
            }
            started.add(stepThreads.submit(() -> {
                launch(n);
                if (s.universe() == serving) {
                    Thread.sleep(scaled(s.readinessDelayS()).toMillis());
                    ingress.update(r -> r.plus(n.backend()));
                    n.inRotation = true;
                }
                return t;
            }));
        }
        List<String> ok = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        StringBuilder why = new StringBuilder();
        for (Future<String> f : started) {
            try {
                ok.add(f.get());
            } catch (ExecutionException e) {
                if (e.getCause() instanceof StepFailure sf) {
                    failed.addAll(sf.nodes);
                    why.append(sf.getMessage()).append(' ');
                } else {
                    throw e;
                }
            }
        }
        countNodes();
        if (!failed.isEmpty()) {
            throw new StepFailure(why.toString().trim(), failed);
        }
        return "started " + ok + (s.universe() == serving ? " and put in rotation" : "");
    }

    /** The requests/s one application node gets in steady state: what sizes the monitor's window. */
    private double perNodeRate() {
        return experiment.workload().arrivals().maxRate() / shape.app().nodeNames().size();
    }

    /** Starts a node's process and waits until it is ready ({@link Readiness}: probes and warm-up). */
    private void launch(AppNode n) throws IOException, InterruptedException, StepFailure {
        List<String> args = List.of(n.config().toString(), "--watch-stdin");
        List<Path> libs = libraries(n);
        // Jars in the node's lib folder come first, as launch scripts put them (normally none).
        List<String> argv = libs.isEmpty() ? JavaCommand.jar("128m", n.jar(), args)
                : JavaCommand.main("128m", List.of(), Stream.concat(libs.stream(), Stream.of(n.jar())).toList(),
                        BiddingTestbed.MAIN_CLASS, args);
        ManagedProcess p = supervisor.start(n.id(), argv, n.dir, n.dir.resolve("app.log"), n.port);
        n.process = Optional.of(p);
        long until = System.nanoTime() + options.startTimeout().toNanos();
        int inARow = 0;
        boolean warming = true;
        while (System.nanoTime() < until) {
            if (!p.alive()) {
                n.process = Optional.empty();
                supervisor.stop(p, STOP_GRACE);
                throw new StepFailure(n.id() + " (" + n.version + ") exited at start: " + p.failure(), List.of(n.name));
            }
            long sent = System.nanoTime();
            Http.Answer a = probe.get(n.port, "/health");
            boolean ok = a.status() == 200 && a.version().equals(n.version)
                    && System.nanoTime() - sent <= (long) (readiness.probeTimeoutS() * 1e9);
            inARow = readiness.next(inARow, ok);
            if (ok && warming) {
                warming = warmUp(n);
            }
            if (readiness.ready(inARow)) {
                return;
            }
            Thread.sleep((long) (readiness.periodS() * 1000));
        }
        supervisor.stop(p, STOP_GRACE);
        n.process = Optional.empty();
        throw new StepFailure(n.id() + " did not become ready within " + options.startTimeout(), List.of(n.name));
    }

    /**
     * One read of each kind the workload sends, straight to the node: loads and compiles the code
     * behind them and opens a database connection before production's requests arrive. Answers are
     * not judged (a fault behind the process must still reach production); false once a read got no
     * answer in time, since a data path that hangs is not warmed by more.
     */
    private boolean warmUp(AppNode n) throws InterruptedException {
        for (String path : BiddingTestbed.WARM_UP_READS) {
            if (http.get(n.port, path).status() <= 0) {
                return false;
            }
        }
        return true;
    }

    private static List<Path> libraries(AppNode n) throws IOException {
        if (!Files.isDirectory(n.lib())) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(n.lib())) {
            return files.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().toList();
        }
    }

    private void writeConfig(AppNode n) throws IOException {
        DatabaseServer db = requireDb(n.universe);
        NodeConfig c = new NodeConfig(n.version, n.name, n.port, db.url(), db.appUser(), appPassword, 8, 5);
        if (n.configFault.isPresent()) {
            c = switch (n.configFault.get()) {
                case SIMPLE_CONFIG -> c.withDbUrl(db.urlWithPort(typo(db.port())));
                case SEMANTIC_CONFIG -> c.withPoolSize(0);
                default -> c;
            };
        }
        c.write(n.config());
    }

    /** The port as a hurried operator types it: two digits swapped (or one off), never a live port. */
    private int typo(int port) {
        char[] d = Integer.toString(port).toCharArray();
        int i = d.length - 2;
        char tmp = d[i];
        d[i] = d[i + 1];
        d[i + 1] = tmp;
        int swapped = Integer.parseInt(new String(d));
        int candidate = swapped != port ? swapped : port + 1;
        while (supervisor.allocatedPorts().contains(candidate) || candidate > 65535) {
            candidate = candidate > 65535 ? 20000 : candidate + 1;
        }
        return candidate;
    }

    private DatabaseServer requireDb(Universe u) {
        DatabaseServer db = dbs.get(u);
        if (db == null) {
            throw new ExecutorException("no database in the " + u.configName() + " universe");
        }
        return db;
    }

    private String convert(PlannedStep ps, Step.ConvertData c) throws Exception {
        boolean skip = false;
        for (String t : c.targets()) {
            for (FaultInjection f : faultsAt(ps, t)) {
                skip = true;
                faults.add(new ActiveFault(f, ps.number(), c.universe(), t, true));
                note("injected " + faults.getLast());
            }
        }
        long t0 = System.nanoTime();
        Conversion.Report report;
        if (c.universe() == Universe.PRODUCTION) {
            boolean freeze = !c.online() && serving == Universe.PRODUCTION && anyInRotation(Universe.PRODUCTION);
            if (freeze) {
                ingress.update(r -> r.withReadOnly(true));
            }
            try (Connection conn = requireDb(Universe.PRODUCTION).admin()) {
                report = Conversion.inPlace(conn, skip);
                BiddingSchema.grantApp(conn);
            } catch (SQLException e) {
                throw new StepFailure("in-place conversion failed: " + e.getMessage(), c.targets());
            } finally {
                if (freeze) {
                    ingress.update(r -> r.withReadOnly(false));
                }
            }
        } else {
            DatabaseServer source = requireDb(Universe.PRODUCTION);
            DatabaseServer target = requireDb(c.universe());
            try (Connection src = source.admin(); Connection dst = target.admin()) {
                if (c.online()) {
                    // Capture first: every write from now on reaches the sync, whatever the copy sees.
                    ChangeCapture.install(src);
                } else {
                    // Offline copy: production is frozen (read-only) until the switch.
                    ingress.update(r -> r.withReadOnly(true));
                }
                Path scratch = Files.createDirectories(work.resolve("scratch"));
                report = Conversion.copyConverted(src, dst, scratch, skip);
                BiddingSchema.createIndexes(dst);
                BiddingSchema.grantApp(dst);
            }
        }
        double s = (System.nanoTime() - t0) / 1e9;
        return String.format(Locale.ROOT, "%d rows converted in %.2f s (%.0f rows/s)%s%s", report.rows(), s, report.rows() / s,
                c.online() ? ", online" : ", offline", report.skipped().isEmpty() ? "" : ", skipped " + report.skipped());
    }

    private boolean anyInRotation(Universe u) {
        return apps.values().stream().anyMatch(n -> n.universe == u && n.inRotation);
    }

    private String sync(PlannedStep ps, Step.SyncData s) throws Exception {
        for (String t : s.targets()) {
            for (FaultInjection f : faultsAt(ps, t)) {
                applyFault(ps, f, t);
            }
        }
        Syncer sy = syncer.orElseGet(() -> {
            Syncer created = new Syncer(requireDb(Universe.PRODUCTION), requireDb(s.universe()));
            syncer = Optional.of(created);
            return created;
        });
        long t0 = System.nanoTime();
        long rows = 0;
        long changes = 0;
        long backlog = sy.backlog();
        long initial = backlog;
        long best = backlog;
        long lastProgress = System.nanoTime();
        // Converges when a pass finds (almost) nothing left; gives up when the backlog stops shrinking.
        while (true) {
            Sync.Pass pass = sy.pass(5000);
            rows += pass.rows();
            changes += pass.changes();
            backlog = pass.backlog();
            if (backlog < 50) {
                break;
            }
            if (backlog < best) {
                best = backlog;
                lastProgress = System.nanoTime();
            } else if (System.nanoTime() - lastProgress > Duration.ofSeconds(15).toNanos()) {
                syncNeverConverges = true;
                return "did not converge: backlog " + backlog + " changes after " + changes + " applied";
            }
        }
        sy.runInBackground();
        double secs = (System.nanoTime() - t0) / 1e9;
        return String.format(Locale.ROOT, "backlog %d changes; applied %d changes (%d rows) in %.2f s; background sync on",
                initial, changes, rows, secs);
    }

    private String runtimeTest(Step.RuntimeTest t) throws InterruptedException, StepFailure {
        Duration length = scaled(t.duration().mean());
        List<String> paths = new ArrayList<>(load.recentReads(200));
        for (int i = 1; paths.size() < 40; i++) {
            paths.add("/items/" + i);
        }
        // The plan's coverage is the share of those reads replayed: at 0 nothing is compared, and
        // whatever the new universe gets wrong goes live at the switch.
        paths = paths.subList(0, (int) Math.round(paths.size() * Math.clamp(t.coverage(), 0.0, 1.0)));
        if (paths.isEmpty()) {
            return "no reads replayed (coverage " + t.coverage() + ")";
        }
        List<AppNode> prod = apps.values().stream().filter(n -> n.universe == serving && n.inRotation).toList();
        List<AppNode> par = apps.values().stream().filter(n -> n.universe != serving && n.running()).toList();
        List<AppNode> parAll = apps.values().stream().filter(n -> n.universe != serving && !n.version.isEmpty()).toList();
        if (prod.isEmpty()) {
            throw new StepFailure("runtime test: no production node to compare with", List.of());
        }
        if (par.isEmpty() || par.size() < parAll.size()) {
            throw new StepFailure("runtime test: parallel nodes not running", parAll.stream().map(n -> n.name).toList());
        }
        long pace = length.toNanos() / paths.size();
        long begin = System.nanoTime();
        int compared = 0;
        List<String> differences = new ArrayList<>();
        Set<String> badNodes = new LinkedHashSet<>();
        for (int i = 0; i < paths.size(); i++) {
            String path = paths.get(i);
            AppNode a = prod.get(i % prod.size());
            AppNode b = par.get(i % par.size());
            Http.Answer x = http.get(a.port, path);
            Http.Answer y = http.get(b.port, path);
            compared++;
            if (x.status() != 200) {
                continue; // production itself did not answer: nothing to compare
            }
            String diff = AnswerComparator.difference(path, x.status(), x.body(), y.status(), y.body());
            if (!diff.isEmpty()) {
                differences.add(b.name + " " + path + ": " + diff);
                badNodes.add(b.name);
                if (differences.size() >= 5) {
                    break;
                }
            }
            long next = begin + (i + 1) * pace;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
        }
        String summary = compared + " reads replayed against both universes, " + differences.size() + " differ";
        if (differences.size() >= Math.max(1, compared / 50)) {
            throw new StepFailure("runtime test: " + summary + "; first: " + differences.getFirst(), List.copyOf(badNodes));
        }
        return summary;
    }

    private String switchOver(Step.Switch w) throws Exception {
        if (w.universe() == serving) {
            return "already serving";
        }
        Universe target = w.universe();
        Universe old = serving;
        List<AppNode> next = apps.values().stream().filter(n -> n.universe == target && n.running()).toList();
        if (next.isEmpty()) {
            throw new StepFailure("switch: no running node in the " + target.configName() + " universe", List.of());
        }
        List<Backend> oldBackends = ingress.routing().active();
        long[] finalSync = {0};
        Duration held = ingress.switchOver(r -> new Routing(next.stream().map(AppNode::backend).toList(), false, false,
                        w.drainSessions() ? Optional.of(new Routing.Sticky(from, oldBackends)) : Optional.empty()),
                () -> {
                    if (syncer.isPresent()) {
                        syncer.get().pause();
                        finalSync[0] = syncer.get().drainAll();
                    }
                    captureForSwitchBack(old, target);
                }, clientTimeout);
        serving = target;
        switchedAt = System.nanoTime();
        next.forEach(n -> n.inRotation = true);
        apps.values().stream().filter(n -> n.universe == old).forEach(n -> n.inRotation = false);
        if (w.drainSessions() && syncer.isPresent()) {
            // Callbacks still go to the old universe for a while: keep syncing what they write.
            syncer.get().runInBackground();
        }
        for (ActiveFault f : faults) {
            if (f.universe == target && f.state == ActiveFault.State.ACTIVE) {
                f.escaped = true;
                f.reachedProduction = true;
                note("fault escaped detection before the switch and now serves: " + f);
            }
        }
        return String.format(Locale.ROOT, "held new requests %.3f s; final sync %d changes; now serving %s%s",
                held.toNanos() / 1e9, finalSync[0], target.configName(), w.drainSessions() ? "; old sessions' callbacks drain to " + old.configName() : "");
    }

    /**
     * Installs change capture in the database of the universe about to serve, while the switch
     * holds new requests: every write it acknowledges from its first request on is recorded, so that
     * a reversed switch can bring those writes back into the old universe's database.
     */
    private void captureForSwitchBack(Universe old, Universe target) throws SQLException {
        DatabaseServer oldDb = dbs.get(old);
        DatabaseServer newDb = dbs.get(target);
        if (oldDb == null || newDb == null || oldDb == newDb) {
            return;
        }
        try (Connection c = newDb.admin()) {
            ChangeCapture.install(c);
        }
        reverseCapture = Optional.of(target);
    }

    private String retire(Step.Retire r) throws InterruptedException, SQLException {
        if (r.universe() != serving) {
            // The old universe after a switch (kept for a while by the plan's wait before this step).
            if (monitor.detection().isPresent()) {
                return "kept: a fault was detected after the switch";
            }
            if (ingress.routing().sticky().isPresent()) {
                double mean = experiment.workload().async().delay().mean();
                long quiet = (long) (Math.max(0.5, 3 * mean) * 1e9);
                long cap = System.nanoTime() + (long) (Math.max(5, 10 * mean) * 1e9);
                while (System.nanoTime() < cap
                        && System.nanoTime() - Math.max(ingress.lastStickyUse(), switchedAt) < quiet) {
                    Thread.sleep(50);
                }
                ingress.update(x -> x.withSticky(Optional.empty()));
            }
            long synced = 0;
            if (syncer.isPresent()) {
                syncer.get().pause();
                synced = syncer.get().drainAll();
                syncer.get().close();
                syncer = Optional.empty();
            }
            for (String t : r.targets()) {
                if (isDbNode(t)) {
                    Optional.ofNullable(dbs.get(r.universe())).ifPresent(DatabaseServer::stop);
                } else {
                    node(r.universe(), t).ifPresent(n -> {
                        stopNode(n);
                        apps.remove(n.id());
                    });
                }
            }
            countNodes();
            if (reverseCapture.isPresent() && reverseCapture.get() == serving) {
                // Nothing to switch back to any more: the serving database stops recording its writes.
                reverseCapture = Optional.empty();
                try (Connection c = requireDb(serving).admin()) {
                    ChangeCapture.remove(c);
                } catch (SQLException e) {
                    // Left behind it costs a row per write, nothing else: not worth failing the run.
                    note("could not remove the change capture for a switch back: " + e.getMessage());
                }
            }
            return "retired " + r.universe().configName() + " " + r.targets() + " (last callbacks synced: " + synced + ")";
        }
        for (String t : r.targets()) {
            node(r.universe(), t).ifPresent(n -> {
                stopNode(n);
                apps.remove(n.id());
            });
        }
        countNodes();
        return "retired " + r.targets();
    }

    // ====================================================================== faults

    /** Faults at this step that act after its action: a squatted port, revoked privileges. */
    private void injectNodeFaults(PlannedStep ps, String target) throws Exception {
        for (FaultInjection f : faultsAt(ps, target)) {
            applyFault(ps, f, target);
        }
    }

    private void applyFault(PlannedStep ps, FaultInjection f, String target) throws Exception {
        Universe u = ps.step().universe();
        ActiveFault a = new ActiveFault(f, ps.number(), u, target, false);
        switch (f.type()) {
            case SIMPLE_CONFIG, SEMANTIC_CONFIG -> {
                AppNode n = node(u, target).orElseThrow(() -> new ExecutorException("fault " + f + ": no node " + target));
                n.configFault = Optional.of(f.type());
                if (Files.exists(n.config())) {
                    writeConfig(n);
                }
            }
            case BROKEN_ENVIRONMENT -> {
                AppNode n = node(u, target).orElseThrow(() -> new ExecutorException("fault " + f + ": no node " + target));
                if (f.step() == StepKind.INSTALL) {
                    // What an install that leaves an old library behind does: a jar shadowing the new one's.
                    Path jar = Files.createDirectories(n.lib()).resolve(BiddingTestbed.CONFLICTING_LIBRARY);
                    BiddingTestbed.installConflictingLibrary(jar);
                    a.conflictingJar = Optional.of(jar);
                } else {
                    a.squatter = Optional.of(squat(n));
                }
            }
            case DATA_ACCESS -> {
                try (Connection c = requireDb(u).admin(); Statement s = c.createStatement()) {
                    s.execute("REVOKE SELECT ON ITEMS FROM " + BiddingSchema.APP_USER);
                }
            }
        }
        faults.add(a);
        note("injected " + a);
    }

    private ManagedProcess squat(AppNode n) throws IOException, InterruptedException {
        List<String> argv = JavaCommand.main("16m", List.of(), List.of(JavaCommand.codeSource(PortSquatter.class)),
                PortSquatter.class.getName(), List.of(Integer.toString(n.port)));
        Path dir = work.resolve("squatters");
        ManagedProcess p = supervisor.start("squatter:" + n.port, argv, dir, dir.resolve("squatter-" + n.port + ".log"), n.port);
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < until && p.alive()) {
            if (p.tail().contains("READY")) {
                return p;
            }
            Thread.sleep(20);
        }
        throw new ExecutorException("could not take port " + n.port + " for fault type 3: " + p.tail());
    }

    /** Undoes the mechanism of an active fault (the operator's fix). */
    private void repair(ActiveFault f) throws Exception {
        switch (f.spec.type()) {
            case SIMPLE_CONFIG, SEMANTIC_CONFIG -> node(f.universe, f.target).ifPresent(n -> n.configFault = Optional.empty());
            case BROKEN_ENVIRONMENT -> {
                f.squatter.ifPresent(p -> supervisor.stop(p, Duration.ofSeconds(2)));
                if (f.conflictingJar.isPresent()) {
                    Files.deleteIfExists(f.conflictingJar.get());
                }
            }
            case DATA_ACCESS -> {
                DatabaseServer db = dbs.get(f.universe);
                if (db == null || !db.process().alive()) {
                    break;
                }
                try (Connection c = db.admin()) {
                    if (f.skippedMigration && f.universe != Universe.PRODUCTION) {
                        // The background sync writes ITEMS too: hold it while the table is redone.
                        syncer.ifPresent(Syncer::pause);
                        try (Connection src = requireDb(Universe.PRODUCTION).admin()) {
                            Conversion.copyItems(src, c, Files.createDirectories(work.resolve("scratch")));
                        } finally {
                            syncer.ifPresent(Syncer::runInBackground);
                        }
                    } else if (f.skippedMigration) {
                        Conversion.inPlace(c, false);
                    }
                    BiddingSchema.grantApp(c);
                }
            }
        }
    }

    // ====================================================================== detection and recovery

    /** Sleeps, returning early when the production monitor has detected something. */
    private void observe(Duration d) throws InterruptedException {
        long until = System.nanoTime() + d.toNanos();
        while (System.nanoTime() < until && monitor.detection().isEmpty()) {
            Thread.sleep(Math.min(50, Math.max(1, (until - System.nanoTime()) / 1_000_000)));
        }
    }

    /** Acts on what the monitor detected; true when the plan must stop. */
    private boolean handleDetection() throws InterruptedException, IOException, SQLException {
        String what = monitor.detection().orElseThrow();
        note("production monitor: " + what);
        boolean oldUniverseAlive = apps.values().stream().anyMatch(n -> n.universe != serving && n.running());
        if (serving == Universe.PRODUCTION) {
            rollbackProduction("in production: " + what);
        } else if (oldUniverseAlive) {
            switchBack("after the switch: " + what);
        } else {
            repairServing("after the old universe was retired: " + what);
        }
        monitor.reset();
        return true;
    }

    /** A failed step: repair and retry in a parallel universe, else roll back; false stops the plan. */
    private boolean recover(PlannedStep ps, StepFailure failure) throws InterruptedException, IOException, SQLException {
        Universe u = ps.step().universe();
        note("step " + ps.number() + " " + ps.step().kind().configName() + " failed: " + failure.getMessage());
        if (u != serving) {
            for (int attempt = 1; attempt <= MAX_REPAIRS; attempt++) {
                List<ActiveFault> found = faults.stream()
                        .filter(f -> f.universe == u && f.state == ActiveFault.State.ACTIVE).toList();
                if (found.isEmpty()) {
                    break;
                }
                String result = repairAndRetry(ps, found, failure.nodes);
                if (result.isEmpty()) {
                    return true;
                }
                note("retry " + attempt + " failed: " + result);
            }
            abandonParallel("step " + ps.number() + " failed and could not be repaired: " + failure.getMessage());
            return false;
        }
        rollbackProduction("step " + ps.number() + " " + ps.step().kind().configName() + " failed: " + failure.getMessage());
        return false;
    }

    /** Fixes faults caught in the parallel universe and re-runs what failed; empty when it worked. */
    private String repairAndRetry(PlannedStep ps, List<ActiveFault> found, List<String> failedNodes) throws InterruptedException {
        long start = System.nanoTime();
        Set<String> restart = new LinkedHashSet<>(failedNodes);
        String status = "ok";
        String detail;
        try {
            for (ActiveFault f : found) {
                repair(f);
                f.state = ActiveFault.State.CAUGHT;
                if (f.spec.type() != FaultType.DATA_ACCESS) {
                    restart.add(f.target);
                }
                note("caught before the switch and repaired: " + f);
            }
            for (String t : restart) {
                Optional<AppNode> n = node(ps.step().universe(), t);
                if (n.isPresent()) {
                    stopNode(n.get());
                    writeConfig(n.get());
                    launch(n.get());
                }
            }
            countNodes();
            if (ps.step() instanceof Step.RuntimeTest t) {
                detail = "repaired " + found.size() + " fault(s); runtime test again: " + runtimeTest(t);
            } else {
                detail = "repaired " + found.size() + " fault(s); restarted " + restart;
            }
            return "";
        } catch (StepFailure e) {
            status = "failed";
            detail = e.getMessage();
            return detail;
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            status = "error";
            detail = e.toString();
            return detail;
        } finally {
            logExtraStep(StepKind.ROLLBACK, ps.step().universe(), List.copyOf(restart), start, status,
                    "repair in the parallel universe: " + found);
        }
    }

    /** Production broke: back to the old version everywhere, data included. */
    private void rollbackProduction(String why) throws InterruptedException, IOException, SQLException {
        long start = System.nanoTime();
        note("rolling back: " + why);
        ingress.update(r -> r.withPlannedOutage(false).withReadOnly(false));
        List<AppNode> nodes = apps.values().stream().filter(n -> n.universe == Universe.PRODUCTION)
                .sorted(Comparator.comparing(n -> n.name)).toList();
        for (ActiveFault f : faults) {
            if (f.state == ActiveFault.State.ACTIVE) {
                try {
                    repair(f);
                } catch (Exception e) {
                    note("could not undo " + f + ": " + e);
                }
                f.state = ActiveFault.State.ROLLED_BACK;
            }
        }
        for (AppNode n : nodes) {
            if (!n.version.equals(from) || !n.running()) {
                stopNode(n);
            }
        }
        try (Connection c = requireDb(Universe.PRODUCTION).admin()) {
            long rows = Conversion.reverseInPlace(c);
            BiddingSchema.grantApp(c);
            ChangeCapture.uninstall(c);
            note("rollback: " + rows + " rows converted back to v1");
        } catch (SQLException e) {
            // Go on: the nodes must come back even if some data could not be converted back.
            note("rollback: converting the data back failed: " + e.getMessage());
        }
        List<String> targets = new ArrayList<>();
        for (AppNode n : nodes) {
            if (n.running()) {
                if (!n.inRotation) {
                    ingress.update(r -> r.plus(n.backend()));
                    n.inRotation = true;
                }
                continue;
            }
            BiddingTestbed.install(from, n.jar());
            n.version = from;
            n.configFault = Optional.empty();
            writeConfig(n);
            try {
                launch(n);
                ingress.update(r -> r.plus(n.backend()));
                n.inRotation = true;
                targets.add(n.name);
            } catch (StepFailure e) {
                note("rollback could not restart " + n.name + ": " + e.getMessage());
            }
        }
        abandonParallelQuietly();
        rolledBack = true;
        countNodes();
        logExtraStep(StepKind.ROLLBACK, Universe.PRODUCTION, targets, start, "ok", "rolled back to " + from + ": " + why);
    }

    /** Nothing to go back to: repair the faults in the serving universe and restart what they broke. */
    private void repairServing(String why) throws InterruptedException, IOException {
        long start = System.nanoTime();
        note("repairing in place: " + why);
        List<String> restarted = new ArrayList<>();
        for (ActiveFault f : faults) {
            if (f.state != ActiveFault.State.ACTIVE || f.universe != serving) {
                continue;
            }
            try {
                repair(f);
            } catch (Exception e) {
                note("could not undo " + f + ": " + e);
            }
            f.state = ActiveFault.State.ROLLED_BACK;
            Optional<AppNode> n = node(serving, f.target);
            if (n.isPresent() && f.spec.type() != FaultType.DATA_ACCESS) {
                stopNode(n.get());
                writeConfig(n.get());
                try {
                    launch(n.get());
                    ingress.update(r -> r.plus(n.get().backend()));
                    n.get().inRotation = true;
                    restarted.add(n.get().name);
                } catch (StepFailure e) {
                    note("could not restart " + n.get().name + ": " + e.getMessage());
                }
            }
        }
        countNodes();
        logExtraStep(StepKind.ROLLBACK, serving, restarted, start, "ok", "repaired in the serving universe: " + why);
    }

    /** A fault got past the switch: send traffic back to the old universe, which still runs. */
    private void switchBack(String why) throws InterruptedException, IOException, SQLException {
        long start = System.nanoTime();
        Universe back = serving.other();
        note("reversing the switch: " + why);
        List<AppNode> old = apps.values().stream().filter(n -> n.universe == back && n.running()).toList();
        Universe failed = serving;
        long[] synced = {0};
        try {
            // While new requests are held and none is in flight: no write can slip between the
            // sync back and the flip.
            ingress.switchOver(r -> new Routing(old.stream().map(AppNode::backend).toList(), false, false, Optional.empty()),
                    () -> synced[0] = syncBack(failed, back), clientTimeout);
        } catch (Exception e) {
            throw new ExecutorException("could not reverse the switch: " + e.getMessage(), e);
        }
        serving = back;
        old.forEach(n -> n.inRotation = true);
        for (ActiveFault f : faults) {
            if (f.state == ActiveFault.State.ACTIVE) {
                f.state = ActiveFault.State.ROLLED_BACK;
            }
        }
        retireUniverse(failed);
        rolledBack = true;
        logExtraStep(StepKind.ROLLBACK, back, old.stream().map(n -> n.name).toList(), start, "ok",
                "switched back to " + back.configName() + " (" + synced[0] + " changes synced back): " + why);
    }

    /**
     * Converts the writes the failed universe acknowledged since the switch back to v1 and applies
     * them to the old universe's database; returns the changes applied. The forward sync is drained
     * first (callbacks the old universe still took), so each row the failed universe holds is at
     * least as new as the old copy it replaces. Errors are reported, not thrown: the old universe
     * must serve again whatever happens; what could not be brought back shows as lost writes.
     */
    private long syncBack(Universe failed, Universe back) {
        if (syncer.isPresent()) {
            syncer.get().pause();
            try {
                syncer.get().drainAll();
            } catch (SQLException e) {
                note("switch back: last forward sync failed: " + e.getMessage());
            }
            syncer.get().close();
            syncer = Optional.empty();
        }
        DatabaseServer src = dbs.get(failed);
        DatabaseServer dst = dbs.get(back);
        if (reverseCapture.isEmpty() || reverseCapture.get() != failed || src == null || dst == null) {
            return 0;
        }
        long changes = 0;
        try (Connection s = src.admin(); Connection d = dst.admin()) {
            // The old universe serves alone again: its own writes need no capture any more.
            ChangeCapture.uninstall(d);
            Sync reverse = new Sync(s, d, Sync.Direction.BACKWARD);
            while (true) {
                Sync.Pass p = reverse.pass(10_000);
                changes += p.changes();
                if (p.changes() == 0) {
                    break;
                }
            }
            reverseCapture = Optional.empty();
            note("switch back: " + changes + " changes written by " + to + " converted back into the "
                    + back.configName() + " database");
        } catch (SQLException e) {
            note("switch back: syncing the writes back failed after " + changes + " changes: " + e.getMessage());
        }
        return changes;
    }

    /** The parallel universe failed before the switch: drop it; production was never touched. */
    private void abandonParallel(String why) throws SQLException {
        long start = System.nanoTime();
        note("abandoning the upgrade: " + why);
        ingress.update(r -> r.withReadOnly(false));
        abandonParallelQuietly();
        rolledBack = true;
        logExtraStep(StepKind.ROLLBACK, serving.other(), List.of(), start, "ok", "abandoned the parallel universe: " + why);
    }

    private void abandonParallelQuietly() throws SQLException {
        Universe other = serving.other();
        boolean exists = dbs.containsKey(other) || apps.values().stream().anyMatch(n -> n.universe == other);
        if (!exists) {
            return;
        }
        retireUniverse(other);
        DatabaseServer prod = dbs.get(serving);
        if (prod != null && prod.process().alive()) {
            try (Connection c = prod.admin()) {
                ChangeCapture.uninstall(c);
            }
        }
    }

    private void retireUniverse(Universe u) {
        if (syncer.isPresent()) {
            syncer.get().pause();
            syncer.get().close();
            syncer = Optional.empty();
        }
        for (AppNode n : List.copyOf(apps.values())) {
            if (n.universe == u) {
                stopNode(n);
                apps.remove(n.id());
            }
        }
        DatabaseServer db = dbs.remove(u);
        if (db != null) {
            db.stop();
        }
        faults.stream().filter(f -> f.universe == u).forEach(f -> f.squatter.ifPresent(p -> supervisor.stop(p, Duration.ofSeconds(2))));
        countNodes();
    }

    private void logExtraStep(StepKind kind, Universe u, List<String> targets, long start, String status, String detail) {
        monitor.judgeFromNow();
        int number;
        synchronized (this) {
            number = plan.steps().size() + ++extraSteps;
        }
        int group = plan.steps().isEmpty() ? number : plan.steps().getLast().group() + extraSteps;
        steps.add(new StepRecord(number, group, kind, u, targets, start, System.nanoTime(), status, detail));
        PlannedStep ps = new PlannedStep(number, group, new Step.Rollback(u, targets, Dist.constant(0)));
        options.progress().accept(new ExecutorEvent.StepFinished(ps, status, detail));
    }

    // ====================================================================== after the window

    private Integrity.Report checkIntegrity(List<RequestRecord> records) throws SQLException {
        Map<Long, long[]> placed = new HashMap<>();
        Set<Long> confirmed = new java.util.HashSet<>();
        for (RequestRecord r : records) {
            if (r.kind().equals(RequestRecord.CONFIRM)) {
                if (r.status() == 200 && r.confirmed()) {
                    confirmed.add(r.bidId());
                }
            } else if (r.method().equals("POST") && r.status() == 201) {
                placed.put(r.bidId(), new long[] {r.amountCents()});
            }
        }
        List<Integrity.Ack> acks = new ArrayList<>();
        placed.forEach((id, a) -> acks.add(new Integrity.Ack(id, a[0], confirmed.contains(id))));
        acks.sort(Comparator.comparingLong(Integrity.Ack::bidId));
        try (Connection c = requireDb(serving).admin()) {
            return Integrity.check(c, acks);
        }
    }

    /**
     * The verdict's measure: the serving nodes (and the ingress) that still fail the monitor's rule
     * once the plan and any recovery are over. A failing measurement may be a recovery still
     * warming up, so it is measured again until it clears, for at most the monitor's settle time.
     */
    private Map<String, String> settledFailures() throws InterruptedException {
        long until = System.nanoTime() + monitor.settle().toNanos();
        Map<String, String> failing = monitor.failingNow();
        while (!failing.isEmpty() && System.nanoTime() < until) {
            Thread.sleep(monitor.interval().toMillis());
            failing = monitor.failingNow();
        }
        if (!failing.isEmpty()) {
            note("production still failing at the end: " + failing);
        }
        return failing;
    }

    private Outcome outcome(Map<String, String> failingAtEnd) {
        return Outcome.of(new Outcome.Facts(timedOut, syncNeverConverges, !failingAtEnd.isEmpty(), rolledBack));
    }

    // ====================================================================== cleanup

    /**
     * The JVM is ending (SIGINT, SIGTERM): the run is interrupted and given a while to unwind
     * through {@link #close()} as an interrupted run does, so that nothing it does afterwards
     * writes into the folder about to be deleted; then its processes are stopped in any case.
     */
    private void stopForShutdown() {
        Thread t = runner;
        if (t != null && t != Thread.currentThread()) {
            t.interrupt();
            try {
                closed.await(15, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        supervisor.close();
    }

    @Override
    public void close() {
        try {
            if (monitor != null) {
                monitor.close();
            }
            if (load != null) {
                load.close();
            }
            syncer.ifPresent(Syncer::close);
            if (ingress != null) {
                ingress.close();
            }
            stepThreads.shutdownNow();
            // Each server releases what it holds (a PostgreSQL cluster may live outside the run folder).
            List.copyOf(dbs.values()).forEach(DatabaseServer::stop);
            supervisor.close();
            http.close();
            probe.close();
            workFolder.close();
        } finally {
            closed.countDown();
        }
    }
    /** The path of the run's temporary folder (deleted by {@link #close}). */
    public Path workDir() {
        return work;
    }

    /** The incremental sync with its own connections; passes are serialised. */
    private final class Syncer {
        private final Connection source;
        private final Connection target;
        private final Sync sync;
        private volatile boolean on;
        private Thread thread;

        Syncer(DatabaseServer from, DatabaseServer into) {
            try {
                this.source = from.admin();
                this.target = into.admin();
            } catch (SQLException e) {
                throw new ExecutorException("sync: cannot connect: " + e.getMessage(), e);
            }
            this.sync = new Sync(source, target);
        }

        synchronized long backlog() throws SQLException {
            return sync.backlog();
        }

        synchronized Sync.Pass pass(int max) throws SQLException {
            return sync.pass(max);
        }

        /** Applies everything captured so far; returns the changes applied. */
        long drainAll() throws SQLException {
            long n = 0;
            while (true) {
                Sync.Pass p = pass(10_000);
                n += p.changes();
                if (p.changes() == 0) {
                    return n;
                }
            }
        }

        void runInBackground() {
            if (on) {
                return;
            }
            on = true;
            thread = Thread.ofVirtual().name("background-sync").start(() -> {
                while (on) {
                    try {
                        pass(5000);
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        return;
                    } catch (SQLException e) {
                        if (on) {
                            note("background sync: " + e.getMessage());
                        }
                        try {
                            Thread.sleep(500);
                        } catch (InterruptedException ie) {
                            return;
                        }
                    }
                }
            });
        }

        void pause() {
            on = false;
            if (thread != null) {
                try {
                    thread.join(5000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        void close() {
            pause();
            try {
                source.close();
            } catch (SQLException ignored) {
                // closing anyway
            }
            try {
                target.close();
            } catch (SQLException ignored) {
                // closing anyway
            }
        }
    }
}
