package imago.executor.run;

import imago.executor.ExecutorEvent;
import imago.executor.ExecutorException;
import imago.executor.db.DatabaseServer;
import imago.executor.db.Sync;
import imago.executor.ingress.Routing;
import imago.model.dist.Dist;
import imago.model.fault.FaultType;
import imago.model.plan.PlannedStep;
import imago.model.plan.Step;
import imago.model.plan.StepKind;
import imago.model.plan.Universe;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a run does when something broke, chosen by where the fault is, not by a strategy's name: a
 * detection in production rolls back to the old version; one after a switch, while the old
 * universe runs, reverses the switch; one after the old universe is gone repairs in place; a step
 * that failed in a parallel universe is repaired there and retried, and the universe abandoned when
 * that does not help. Each recovery is logged as an extra Rollback step.
 */
final class RecoveryRunner {

    private static final int MAX_REPAIRS = 3;

    /** The recoveries the executor performs (the model's sealed {@code Recovery} is to replace this). */
    enum Kind { ROLL_BACK, SWITCH_BACK, REPAIR_IN_PLACE, ABANDON_PARALLEL }

    private final RunContext run;

    RecoveryRunner(RunContext run) {
        this.run = run;
    }

    /** The recovery for a fault the production monitor detected. */
    Kind forDetection() {
        boolean oldUniverseAlive = run.apps.values().stream().anyMatch(n -> n.universe != run.serving && n.running());
        if (run.serving == Universe.PRODUCTION) {
            return Kind.ROLL_BACK;
        }
        return oldUniverseAlive ? Kind.SWITCH_BACK : Kind.REPAIR_IN_PLACE;
    }

    /** Acts on what the monitor detected; the plan stops after it. */
    void onDetection() throws InterruptedException, IOException, SQLException {
        String what = run.monitor.detection().orElseThrow();
        run.note("production monitor: " + what);
        switch (forDetection()) {
            case ROLL_BACK -> rollBack("in production: " + what);
            case SWITCH_BACK -> switchBack("after the switch: " + what);
            case REPAIR_IN_PLACE -> repairServing("after the old universe was retired: " + what);
            case ABANDON_PARALLEL -> abandonParallel(what);
        }
        run.monitor.reset();
    }

    /** A failed step: repair and retry in a parallel universe, else roll back; false stops the plan. */
    boolean onFailure(PlannedStep ps, StepFailure failure) throws InterruptedException, IOException, SQLException {
        Universe u = ps.step().universe();
        String what = "step " + ps.number() + " " + ps.step().kind().configName() + " failed: " + failure.getMessage();
        run.note(what);
        if (u == run.serving) {
            rollBack(what);
            return false;
        }
        for (int attempt = 1; attempt <= MAX_REPAIRS; attempt++) {
            List<ActiveFault> found = run.faults.active(u);
            if (found.isEmpty()) {
                break;
            }
            String result = repairAndRetry(ps, found, failure.nodes);
            if (result.isEmpty()) {
                return true;
            }
            run.note("retry " + attempt + " failed: " + result);
        }
        abandonParallel("step " + ps.number() + " failed and could not be repaired: " + failure.getMessage());
        return false;
    }

    /** Fixes faults caught in the parallel universe and re-runs what failed; empty when it worked. */
    private String repairAndRetry(PlannedStep ps, List<ActiveFault> found, List<String> failedNodes)
            throws InterruptedException {
        long start = System.nanoTime();
        Set<String> restart = new LinkedHashSet<>(failedNodes);
        String status = "ok";
        String detail;
        try {
            for (ActiveFault f : found) {
                run.faults.repair(f);
                f.state = ActiveFault.State.CAUGHT;
                if (f.spec.type() != FaultType.DATA_ACCESS) {
                    restart.add(f.target);
                }
                run.note("caught before the switch and repaired: " + f);
            }
            for (String t : restart) {
                Optional<AppNode> n = run.node(ps.step().universe(), t);
                if (n.isPresent()) {
                    run.nodes.restart(n.get());
                }
            }
            run.countNodes();
            if (ps.step() instanceof Step.RuntimeTest t) {
                detail = "repaired " + found.size() + " fault(s); runtime test again: " + new RuntimeTestAction(t).act(run, ps).detail();
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
            logStep(ps.step().universe(), List.copyOf(restart), start, status, "repair in the parallel universe: " + found);
        }
    }

    /** Production broke: back to the old version everywhere, data included. */
    private void rollBack(String why) throws InterruptedException, IOException, SQLException {
        long start = System.nanoTime();
        run.note("rolling back: " + why);
        run.ingress.update(r -> r.withPlannedOutage(false).withReadOnly(false));
        List<AppNode> nodes = run.apps.values().stream().filter(n -> n.universe == Universe.PRODUCTION)
                .sorted(Comparator.comparing(n -> n.name)).toList();
        run.faults.repairActive(EnumSet.allOf(Universe.class));
        for (AppNode n : nodes) {
            if (!n.version.equals(run.from) || !n.running()) {
                run.nodes.stop(n);
            }
        }
        try (Connection c = run.requireDb(Universe.PRODUCTION).admin()) {
            long rows = run.system.convertBack(c);
            run.system.grantApp(c);
            run.system.stopCapture(c);
            run.note("rollback: " + rows + " rows converted back to " + run.from);
        } catch (SQLException e) {
            // Go on: the nodes must come back even if some data could not be converted back.
            run.note("rollback: converting the data back failed: " + e.getMessage());
        }
        List<String> targets = new ArrayList<>();
        for (AppNode n : nodes) {
            if (n.running()) {
                if (!n.inRotation) {
                    run.nodes.putInRotation(n);
                }
                continue;
            }
            run.system.install(run.from, n.jar());
            n.version = run.from;
            n.configFault = Optional.empty();
            run.nodes.writeConfig(n);
            try {
                run.nodes.launch(n);
                run.nodes.putInRotation(n);
                targets.add(n.name);
            } catch (StepFailure e) {
                run.note("rollback could not restart " + n.name + ": " + e.getMessage());
            }
        }
        abandonParallelQuietly();
        run.rolledBack = true;
        run.countNodes();
        run.state.rollBack(Universe.PRODUCTION, run.system.dbNodes().getFirst());
        nodes.forEach(n -> run.state.rollBack(Universe.PRODUCTION, n.name));
        logStep(Universe.PRODUCTION, targets, start, "ok", "rolled back to " + run.from + ": " + why);
    }

    /** Nothing to go back to: repair the faults in the serving universe and restart what they broke. */
    private void repairServing(String why) throws InterruptedException, IOException {
        long start = System.nanoTime();
        run.note("repairing in place: " + why);
        List<String> restarted = new ArrayList<>();
        for (ActiveFault f : run.faults.repairActive(EnumSet.of(run.serving))) {
            Optional<AppNode> n = run.node(run.serving, f.target);
            if (n.isPresent() && f.spec.type() != FaultType.DATA_ACCESS) {
                try {
                    run.nodes.restart(n.get());
                    run.nodes.putInRotation(n.get());
                    restarted.add(n.get().name);
                } catch (StepFailure e) {
                    run.note("could not restart " + n.get().name + ": " + e.getMessage());
                }
            }
        }
        run.countNodes();
        logStep(run.serving, restarted, start, "ok", "repaired in the serving universe: " + why);
    }

    /** A fault got past the switch: send traffic back to the old universe, which still runs. */
    private void switchBack(String why) {
        long start = System.nanoTime();
        Universe back = run.serving.other();
        run.note("reversing the switch: " + why);
        List<AppNode> old = run.apps.values().stream().filter(n -> n.universe == back && n.running()).toList();
        Universe failed = run.serving;
        long[] synced = {0};
        try {
            // While new requests are held and none is in flight: no write can slip between the
            // sync back and the flip.
            run.ingress.switchOver(r -> new Routing(old.stream().map(AppNode::backend).toList(), false, false, Optional.empty()),
                    () -> synced[0] = syncBack(failed, back), run.clientTimeout);
        } catch (Exception e) {
            throw new ExecutorException("could not reverse the switch: " + e.getMessage(), e);
        }
        run.serving = back;
        old.forEach(n -> n.inRotation = true);
        for (ActiveFault f : run.faults.all()) {
            if (f.state == ActiveFault.State.ACTIVE) {
                f.state = ActiveFault.State.ROLLED_BACK;
            }
        }
        retireUniverse(failed);
        run.rolledBack = true;
        run.state.serve(back);
        logStep(back, old.stream().map(n -> n.name).toList(), start, "ok",
                "switched back to " + back.configName() + " (" + synced[0] + " changes synced back): " + why);
    }

    /**
     * Converts the writes the failed universe acknowledged since the switch back to the old version
     * and applies them to the old universe's database; returns the changes applied. The forward
     * sync is drained first (callbacks the old universe still took), so each row the failed universe
     * holds is at least as new as the old copy it replaces. Errors are reported, not thrown: the old
     * universe must serve again whatever happens; what could not be brought back shows as lost writes.
     */
    private long syncBack(Universe failed, Universe back) {
        if (run.syncer.isPresent()) {
            run.syncer.get().pause();
            try {
                run.syncer.get().drainAll();
            } catch (SQLException e) {
                run.note("switch back: last forward sync failed: " + e.getMessage());
            }
            run.closeSyncer();
        }
        DatabaseServer src = run.dbs.get(failed);
        DatabaseServer dst = run.dbs.get(back);
        if (run.reverseCapture.isEmpty() || run.reverseCapture.get() != failed || src == null || dst == null) {
            return 0;
        }
        long[] changes = {0};
        try (Connection s = src.admin(); Connection d = dst.admin()) {
            // The old universe serves alone again: its own writes need no capture any more.
            run.system.stopCapture(d);
            Sync reverse = run.system.sync(s, d, Sync.Direction.BACKWARD);
            Syncer.drain(() -> {
                Sync.Pass p = reverse.pass(10_000);
                changes[0] += p.changes();
                return p;
            });
            run.reverseCapture = Optional.empty();
            run.note("switch back: " + changes[0] + " changes written by " + run.to + " converted back into the "
                    + back.configName() + " database");
        } catch (SQLException e) {
            run.note("switch back: syncing the writes back failed after " + changes[0] + " changes: " + e.getMessage());
        }
        return changes[0];
    }

    /** The parallel universe failed before the switch: drop it; production was never touched. */
    private void abandonParallel(String why) throws SQLException {
        long start = System.nanoTime();
        run.note("abandoning the upgrade: " + why);
        run.ingress.update(r -> r.withReadOnly(false));
        abandonParallelQuietly();
        run.rolledBack = true;
        logStep(run.serving.other(), List.of(), start, "ok", "abandoned the parallel universe: " + why);
    }

    private void abandonParallelQuietly() throws SQLException {
        Universe other = run.serving.other();
        boolean exists = run.dbs.containsKey(other) || run.apps.values().stream().anyMatch(n -> n.universe == other);
        if (!exists) {
            return;
        }
        retireUniverse(other);
        DatabaseServer prod = run.dbs.get(run.serving);
        if (prod != null && prod.process().alive()) {
            try (Connection c = prod.admin()) {
                run.system.stopCapture(c);
            }
        }
    }

    private void retireUniverse(Universe u) {
        run.closeSyncer();
        for (AppNode n : List.copyOf(run.apps.values())) {
            if (n.universe == u) {
                run.nodes.remove(n);
            }
        }
        DatabaseServer db = run.dbs.remove(u);
        if (db != null) {
            db.stop();
        }
        run.faults.all().stream().filter(f -> f.universe == u)
                .forEach(f -> f.squatter.ifPresent(p -> run.supervisor.stop(p, Duration.ofSeconds(2))));
        run.state.drop(u);
        run.countNodes();
    }

    /** Logs a recovery as an extra Rollback step after the plan's, and lets the monitor judge afresh. */
    private void logStep(Universe u, List<String> targets, long start, String status, String detail) {
        run.monitor.judgeFromNow();
        int number;
        synchronized (run) {
            number = run.plan.steps().size() + ++run.extraSteps;
        }
        int group = run.plan.steps().isEmpty() ? number : run.plan.steps().getLast().group() + run.extraSteps;
        run.steps.add(new StepRecord(number, group, StepKind.ROLLBACK, u, targets, start, System.nanoTime(), status, detail));
        PlannedStep ps = new PlannedStep(number, group, new Step.Rollback(u, targets, Dist.constant(0)));
        run.options.progress().accept(new ExecutorEvent.StepFinished(ps, status, detail));
    }
}
