package imago.executor.run;

import imago.executor.DatabaseKind;
import imago.executor.ExecutorEvent;
import imago.executor.ExecutorException;
import imago.executor.ExecutorOptions;
import imago.executor.ExecutorRun;
import imago.executor.db.DatabaseServer;
import imago.executor.db.Integrity;
import imago.executor.db.PostgresServer;
import imago.executor.ingress.Ingress;
import imago.executor.ingress.Routing;
import imago.executor.load.LoadGenerator;
import imago.executor.load.RequestRecord;
import imago.executor.metrics.Logs;
import imago.executor.metrics.Metrics;
import imago.executor.metrics.RunFacts;
import imago.executor.process.WorkFolder;
import imago.executor.testbed.SystemUnderTest;
import imago.model.experiment.Experiment;
import imago.model.experiment.Scenario;
import imago.model.metrics.Exposure;
import imago.model.metrics.FaultCounts;
import imago.model.metrics.Outcome;
import imago.model.metrics.RunResult;
import imago.model.plan.Plan;
import imago.model.plan.PlannedStep;
import imago.model.plan.ProgressDeadline;
import imago.model.plan.Step;
import imago.model.plan.Universe;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * One real run of one plan, orchestrated: sets the system up (database server, seeded data, old
 * version's nodes, ingress), offers load, runs the plan group by group through one
 * {@link StepAction} per step, lets the {@link RecoveryRunner} act on failed steps and on what the
 * {@link ProductionMonitor} detects, checks the data, asks the {@link Verdict}, computes the metrics,
 * and releases every process, port and file it made, whatever happens. The run's state lives in its
 * {@link RunContext}; the system under upgrade is reached through its {@code SystemUnderTest}.
 */
public final class Run implements AutoCloseable {

    private final WorkFolder workFolder;
    private final RunContext run;
    private final RecoveryRunner recovery;
    private final Verdict verdict;
    /** The thread carrying the run out, for a shutdown (a signal) to interrupt. */
    private volatile Thread runner;
    private final CountDownLatch closed = new CountDownLatch(1);
    private long deadline;
    /** The rollout's progress-deadline clock (the plan's, in plan seconds); empty without one. */
    private Optional<ProgressDeadline.Watch> progress = Optional.empty();

    public Run(Experiment experiment, Scenario scenario, Plan plan, ExecutorOptions options) throws IOException {
        SystemUnderTest system = SystemUnderTest.of(experiment);
        Faults.validate(scenario, options, plan, system);
        if (options.database() == DatabaseKind.POSTGRESQL) {
            PostgresServer.binaries(); // fails now, with what to install, not midway through the run
        }
        Path root = options.workRoot().orElse(Path.of(System.getProperty("java.io.tmpdir")));
        // On SIGINT or SIGTERM the run unwinds as if interrupted, then the folder goes; after a
        // SIGKILL the next run's start sweeps it.
        this.workFolder = WorkFolder.create(root, "imago-run-", this::stopForShutdown);
        try {
            this.run = new RunContext(experiment, scenario, plan, options, system, workFolder.path());
        } catch (RuntimeException e) {
            workFolder.close();
            throw e;
        }
        this.recovery = new RecoveryRunner(run);
        this.verdict = new Verdict(run);
    }

    /** The run's node and data state, as its steps and recoveries have left it. */
    public RunView view() {
        return run.state;
    }

    public ExecutorRun execute() throws InterruptedException {
        runner = Thread.currentThread();
        try {
            return runAll();
        } catch (IOException e) {
            throw new ExecutorException("run " + run.scenario.name() + " failed: " + e.getMessage(), e);
        } catch (SQLException e) {
            throw new ExecutorException("run " + run.scenario.name() + ": database error: " + e.getMessage(), e);
        }
    }

    private ExecutorRun runAll() throws IOException, SQLException, InterruptedException {
        Experiment experiment = run.experiment;
        ExecutorOptions options = run.options;
        deadline = System.nanoTime() + options.maxRun().toNanos();
        run.note("setting up the " + run.system.name() + " system (" + options.data() + ")");
        setUp();
        long windowStart = System.nanoTime() + options.warmup().toNanos();
        run.load = new LoadGenerator(URI.create("http://127.0.0.1:" + run.ingress.port() + "/"), experiment.workload(),
                options.data(), experiment.seed() * 31 + options.replication(), windowStart);
        run.load.start();
        Thread.sleep(options.warmup().toMillis());
        windowStart = System.nanoTime();
        // The requests/s one application node gets in steady state: what sizes the monitor's window.
        run.monitor = monitor(experiment, run.load, run.to, () -> run.serving, run.system.appNodes().size());
        run.monitor.start();
        run.note("window open; " + experiment.preS() + " s before the plan");
        run.observe(RunContext.seconds(experiment.preS()));
        long upgradeStart = System.nanoTime();
        runPlan();
        long upgradeEnd = lastStepEnd(upgradeStart);
        // At least a client timeout and a detection's worth of measurements, so that requests
        // failing slowly (timeouts) after the last step are seen and acted on.
        Duration post = RunContext.seconds(Math.max(experiment.postS(),
                experiment.workload().timeoutS() + run.monitor.settle().toMillis() / 1e3));
        run.note("plan done; " + post.toMillis() / 1000.0 + " s after it");
        for (int round = 0; round < 3; round++) {
            run.observe(post);
            if (run.monitor.detection().isEmpty()) {
                break;
            }
            recovery.onDetection();
            upgradeEnd = lastStepEnd(upgradeStart);
        }
        Map<String, String> failing = verdict.settledFailures();
        long windowEnd = System.nanoTime();
        run.load.stop();
        run.monitor.close();
        run.load.awaitIdle(run.clientTimeout.plusSeconds(1));
        List<RequestRecord> records = run.load.records();
        Integrity.Report integrity;
        try (Connection c = run.requireDb(run.serving).admin()) {
            integrity = run.system.checkIntegrity(c, records);
        }
        run.note("integrity: " + integrity);
        Outcome outcome = verdict.outcome(failing);
        FaultCounts faults = run.faults.total();
        RunFacts facts = new RunFacts(run.scenario.name(), options.replication(), run.from, run.to, records, windowStart,
                windowEnd, upgradeStart, upgradeEnd, run.ingress.changes(), run.nodeCountsCopy(),
                experiment.topology().nodeCount(),
                experiment.upgrade().changesInterface(experiment.workload().async().interfaceName()),
                integrity.lost(), faults.injected(), faults.reachedProduction(), faults.caught(), faults.escaped(), outcome);
        RunResult measured = Metrics.compute(facts);
        RunResult result = measured.withFaultsByType(run.faults.byType())
                .withProgressDeadlineExceeded(progress.map(ProgressDeadline.Watch::exceeded).orElse(false))
                .withExposure(Exposure.timeToDetectS(run.faults.detections(records)), measured.blastRadius());
        return writeLogs(result, records, windowStart);
    }

    /** The run's production monitor, with the experiment's rule ({@code monitor:}). */
    static ProductionMonitor monitor(Experiment experiment, LoadGenerator load, String newVersion,
                                     java.util.function.Supplier<Universe> serving, int appNodes) {
        double perNodeRate = experiment.workload().arrivals().maxRate() / appNodes;
        return new ProductionMonitor(experiment.monitor(), load, newVersion, serving, perNodeRate);
    }

    private ExecutorRun writeLogs(RunResult result, List<RequestRecord> records, long windowStart) throws IOException {
        Files.createDirectories(run.options.outDir());
        Path requestLog = run.options.outDir().resolve("requests.csv.gz");
        Path stepLog = run.options.outDir().resolve("steps.csv");
        Logs.writeRequests(requestLog, records, windowStart);
        List<StepRecord> stepList;
        synchronized (run.steps) {
            stepList = new ArrayList<>(run.steps);
        }
        stepList.sort(Comparator.comparingInt(StepRecord::number));
        Logs.writeSteps(stepLog, stepList, windowStart);
        return new ExecutorRun(result, requestLog, stepLog);
    }

    private long lastStepEnd(long fallback) {
        synchronized (run.steps) {
            return run.steps.stream().mapToLong(StepRecord::endNanos).max().orElse(fallback);
        }
    }

    /** The production database, seeded, and the old version's nodes behind the ingress. */
    private void setUp() throws IOException, SQLException, InterruptedException {
        DatabaseServer db = run.startDatabase(Universe.PRODUCTION, run.system.dbNodes().getFirst());
        try (Connection c = db.admin()) {
            run.system.createSchema(c, run.from);
            run.system.createAppUser(c, run.appPassword);
        }
        List<AppNode> nodes = new ArrayList<>();
        for (String name : run.system.appNodes()) {
            AppNode n = run.nodes.create(name, Universe.PRODUCTION);
            run.system.install(run.from, n.jar());
            n.version = run.from;
            run.nodes.writeConfig(n);
            nodes.add(n);
        }
        // The nodes start while the data is generated: they need the database only for requests,
        // and none reaches them before the ingress starts below.
        List<Future<?>> started = new ArrayList<>();
        for (AppNode n : nodes) {
            started.add(run.stepThreads.submit(() -> {
                run.nodes.launch(n);
                return null;
            }));
        }
        long t0 = System.nanoTime();
        run.system.seed(db::admin, run.options.data(), run.experiment.seed());
        run.note(String.format(Locale.ROOT, "seeded %d rows in %.2f s", run.options.data().users()
                + run.options.data().items() + run.options.data().bids(), (System.nanoTime() - t0) / 1e9));
        for (Future<?> f : started) {
            try {
                f.get();
            } catch (ExecutionException e) {
                throw new ExecutorException("a v1 node did not start: " + e.getCause().getMessage(), e.getCause());
            }
        }
        long timeout = run.clientTimeout.toMillis();
        Routing initial = Routing.of(nodes.stream().map(AppNode::backend).toList())
                .withSplit(run.routesByWeight() ? Optional.of(run.split()) : Optional.empty());
        run.ingress = Ingress.start(initial,
                Duration.ofMillis(timeout * 8 / 10), Duration.ofMillis(timeout * 6 / 10));
        nodes.forEach(n -> n.inRotation = true);
        run.options.progress().accept(new ExecutorEvent.IngressStarted(run.ingress.port()));
        run.countNodes();
    }

    // ====================================================================== the plan

    private void runPlan() throws InterruptedException, IOException, SQLException {
        long planStart = System.nanoTime();
        progress = run.plan.recovery().progressDeadline().map(d -> d.watch(0));
        for (List<PlannedStep> group : run.plan.groups()) {
            if (System.nanoTime() > deadline) {
                run.timedOut = true;
                run.note("the run exceeded " + run.options.maxRun() + ": stopped");
                return;
            }
            if (run.monitor.detection().isPresent()) {
                recovery.onDetection();
                return;
            }
            if (!runGroup(group)) {
                return;
            }
            if (progressDeadlinePassed(group, planStart)) {
                return;
            }
        }
    }

    /** Checks the progress deadline after a group (ProgressDeadline says what progress is); true when it rolled back. */
    private boolean progressDeadlinePassed(List<PlannedStep> group, long planStart)
            throws InterruptedException, IOException, SQLException {
        if (progress.isEmpty()) {
            return false;
        }
        // Plan seconds: the run's durations are the plan's scaled by the time scale.
        double now = (System.nanoTime() - planStart) / 1e9 / run.options.timeScale();
        if (progress.get().groupDone(group, now, run.state) != ProgressDeadline.Verdict.EXCEEDED) {
            return false;
        }
        ProgressDeadline d = run.plan.recovery().progressDeadline().orElseThrow();
        String why = "no new node became ready within the progress deadline of " + d.seconds() + " s";
        if (!d.abort()) {
            run.note("progress deadline exceeded: " + why);
            return false;
        }
        recovery.onProgressDeadline(why);
        return true;
    }

    /** Runs one group's steps together; false when the plan must stop (after a recovery). */
    private boolean runGroup(List<PlannedStep> group) throws InterruptedException, IOException, SQLException {
        Map<PlannedStep, Future<?>> futures = new HashMap<>();
        for (PlannedStep ps : group) {
            futures.put(ps, run.stepThreads.submit(() -> {
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
            if (!recovery.onFailure(f.getKey(), f.getValue())) {
                return false;
            }
        }
        return !run.syncNeverConverges;
    }

    /** One step: its action, its record in the step log, and its effect on the run's state once it succeeded. */
    private void runStep(PlannedStep ps) throws Exception {
        run.options.progress().accept(new ExecutorEvent.StepStarted(ps));
        StepAction action = StepAction.of(ps.step());
        long start = System.nanoTime();
        String status = "ok";
        String detail = "";
        try {
            StepAction.Done done = action.act(run, ps);
            detail = done.detail();
            if (done.took()) {
                action.effect(run.state);
            }
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
            run.steps.add(new StepRecord(ps.number(), ps.group(), s.kind(), s.universe(), s.targets(), start,
                    System.nanoTime(), status, detail));
            run.options.progress().accept(new ExecutorEvent.StepFinished(ps, status, detail));
        }
    }

    // ====================================================================== cleanup

    @Override
    public void close() {
        try {
            if (run.monitor != null) {
                run.monitor.close();
            }
            if (run.load != null) {
                run.load.close();
            }
            run.syncer.ifPresent(Syncer::close);
            if (run.ingress != null) {
                run.ingress.close();
            }
            run.stepThreads.shutdownNow();
            // Each server releases what it holds (a PostgreSQL cluster may live outside the run folder).
            List.copyOf(run.dbs.values()).forEach(DatabaseServer::stop);
            run.supervisor.close();
            run.http.close();
            run.probe.close();
            workFolder.close();
        } finally {
            closed.countDown();
        }
    }

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
                closed.await(15, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        RunContext r = run; // null when the JVM ends while the run is still being made
        if (r != null) {
            r.supervisor.close();
        }
    }

    /** The path of the run's temporary folder (deleted by {@link #close}). */
    public Path workDir() {
        return run.work;
    }
}
