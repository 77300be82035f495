package imago.executor.run;

import imago.executor.db.DatabaseServer;
import imago.executor.process.Http;
import imago.executor.process.ManagedProcess;
import imago.executor.testbed.NodeConfig;
import imago.model.health.Readiness;
import imago.model.plan.Universe;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** An application node's life: its folder and port, its configuration, its start (to readiness) and stop. */
final class Nodes {

    static final Duration STOP_GRACE = Duration.ofSeconds(5);

    private final RunContext run;

    Nodes(RunContext run) {
        this.run = run;
    }

    AppNode create(String name, Universe u) throws IOException {
        AppNode n = new AppNode(name, u, run.work.resolve("nodes").resolve(u.configName()).resolve(name),
                run.supervisor.freePort());
        Files.createDirectories(n.dir);
        run.apps.put(n.id(), n);
        return n;
    }

    /** Writes the node's configuration for its version, with its configuration fault if it has one. */
    void writeConfig(AppNode n) throws IOException {
        DatabaseServer db = run.requireDb(n.universe);
        NodeConfig c = new NodeConfig(n.version, n.name, n.port, db.url(), db.appUser(), run.appPassword, 8, 5);
        if (n.configFault.isPresent()) {
            c = n.configFault.get().misconfigure(c, db, run.supervisor);
        }
        run.system.writeConfig(c, n.config());
    }

    /** Starts a node's process and waits until it is ready ({@link Readiness}: probes and warm-up). */
    void launch(AppNode n) throws IOException, InterruptedException, StepFailure {
        List<String> argv = run.system.launchCommand(n.jar(), libraries(n), n.config());
        ManagedProcess p = run.supervisor.start(n.id(), argv, n.dir, n.dir.resolve("app.log"), n.port);
        n.process = Optional.of(p);
        Readiness readiness = run.readiness;
        long until = System.nanoTime() + run.options.startTimeout().toNanos();
        int inARow = 0;
        boolean warming = true;
        while (System.nanoTime() < until) {
            if (!p.alive()) {
                n.process = Optional.empty();
                run.supervisor.stop(p, STOP_GRACE);
                throw new StepFailure(n.id() + " (" + n.version + ") exited at start: " + p.failure(), List.of(n.name));
            }
            long sent = System.nanoTime();
            Http.Answer a = run.probe.get(n.port, run.system.healthPath());
            boolean ok = run.system.healthy(a, n.version)
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
        run.supervisor.stop(p, STOP_GRACE);
        n.process = Optional.empty();
        throw new StepFailure(n.id() + " did not become ready within " + run.options.startTimeout(), List.of(n.name));
    }

    /**
     * One read of each kind the workload sends, straight to the node, after each good probe: loads
     * and compiles the code behind them and opens a database connection before production's
     * requests arrive. Answers are not judged (a fault behind the process must still reach
     * production); false once a read got no answer in time, since a hanging data path is not
     * warmed by more.
     */
    private boolean warmUp(AppNode n) throws InterruptedException {
        for (String path : run.system.warmUpReads()) {
            if (run.http.get(n.port, path).status() <= 0) {
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

    /** Puts a started node into the ingress's rotation. */
    void putInRotation(AppNode n) {
        run.ingress.update(r -> r.plus(n.backend()));
        n.inRotation = true;
    }

    /** Out of rotation, process stopped (SIGTERM, then kill). */
    void stop(AppNode n) {
        stopAll(List.of(n));
    }

    /** All out of rotation, then all stopped together (a step acts on its targets at once). */
    void stopAll(List<AppNode> ns) {
        for (AppNode n : ns) {
            if (n.inRotation) {
                run.ingress.update(r -> r.minus(n.id()));
                n.inRotation = false;
            }
        }
        run.supervisor.stopAll(ns.stream().flatMap(n -> n.process.stream()).toList(), STOP_GRACE);
        ns.forEach(n -> n.process = Optional.empty());
        run.countNodes();
    }

    /** Stopped and forgotten: the node is gone from its universe. */
    void remove(AppNode n) {
        stop(n);
        run.apps.remove(n.id());
    }

    /** Stopped, reconfigured and started again to readiness (after a repair). */
    void restart(AppNode n) throws IOException, InterruptedException, StepFailure {
        stop(n);
        writeConfig(n);
        launch(n);
    }
}
