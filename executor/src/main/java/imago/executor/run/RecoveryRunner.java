package imago.executor.run;

import imago.executor.ExecutorEvent;
import imago.executor.ExecutorException;
import imago.executor.db.Conversion;
import imago.executor.db.DatabaseServer;
import imago.executor.db.Sync;
import imago.executor.ingress.Routing;
import imago.model.dist.Dist;
import imago.model.fault.FaultType;
import imago.model.plan.PlannedStep;
import imago.model.plan.Recovery;
import imago.model.plan.RecoveryPolicy;
import imago.model.plan.RecoveryPolicy.DetectedFault;
import imago.model.plan.Step;
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
import java.util.stream.Collectors;

/**
 * What a run does when something broke, as the plan's {@link RecoveryPolicy} decides on the run's
 * state view (never on a strategy): a detection in production rolls back to the old version; one
 * after a switch, while the old universe is there, switches back to it; one after the old universe
 * is gone repairs in place; a step that failed in a parallel universe is repaired there and retried
 * a bounded number of times, and the universe abandoned when that does not help. Each recovery
 * step is logged after the plan's with the kind and universe of what it is (a switch back as a
 * Switch to production, an abandonment as a Retire of the parallel universe, a repair as the
 * restart or runtime test it re-runs), and the recovery's steps' declared effects update the run's
 * state. Where the executor does not do what the policy says, {@link #performed} says so.
 */
final class RecoveryRunner {

    private static final int MAX_REPAIRS = 3;

    private final RunContext run;

    RecoveryRunner(RunContext run) {
        this.run = run;
    }

    /**
     * The recovery the executor performs for a fault in {@code fault}'s universe: the policy's,
     * except that a fault in the serving universe that the policy would repair in place (a rollout
     * without abortOnFault) is rolled back: the executor has no in-place repair of a rollout
     * midway (executor/README.md).
     */
    Recovery performed(DetectedFault fault) {
        RecoveryPolicy policy = run.plan.recovery();
        Recovery decided = policy.decide(fault, run.state);
        return switch (decided) {
            // A canary's stable nodes never left: aborting it is its rollback.
            case Recovery.RepairInPlace r when !fault.escaped() && fault.universe() == run.serving
                    && !policy.canaryNodes().isEmpty() -> orRollBack(policy.analysisFailed(run.state));
            case Recovery.RepairInPlace r when !fault.escaped() && fault.universe() == run.serving -> policy.rollBack(run.state);
            case Recovery.RepairInPlace r -> r;
            case Recovery.RollBack r -> r;
            case Recovery.SwitchBack r -> r;
            case Recovery.AbandonParallel r -> r;
            case Recovery.AbortCanary r -> r;
        };
    }

    /** A canary already promoted cannot be aborted: rolled back as other rollouts are. */
    private Recovery orRollBack(Recovery r) {
        return r instanceof Recovery.RepairInPlace ? run.plan.recovery().rollBack(run.state) : r;
    }

    /** Acts on what the monitor detected; the plan stops after it. */
    void onDetection() throws InterruptedException, IOException, SQLException {
        ProductionMonitor.Found found = run.monitor.found().orElseThrow();
        String what = found.what();
        run.note("production monitor: " + what);
        run.faults.detectedOn(run.serving, found.node(), found.nanos());
        // The monitor watches the serving universe: a fault it sees after a switch escaped the tests.
        Universe u = run.serving;
        switch (performed(new DetectedFault(u, u != Universe.PRODUCTION))) {
            case Recovery.RollBack r -> rollBack(r, "in production: " + what);
            case Recovery.SwitchBack r -> switchBack(r, "after the switch: " + what);
            case Recovery.RepairInPlace r -> repairServing("after the old universe was retired: " + what);
            case Recovery.AbandonParallel r -> abandonParallel(r, what);
            case Recovery.AbortCanary r -> abortCanary(r, "in production: " + what);
        }
        run.monitor.reset();
    }

    /** The rollout passed its progress deadline with abort: roll it back, as the policy rolls back; the plan stops after it. */
    void onProgressDeadline(String why) throws InterruptedException, IOException, SQLException {
        rollBack(run.plan.recovery().rollBack(run.state), "progress deadline: " + why);
    }

    /** A failed step: repair and retry in a parallel universe, else roll back; false stops the plan. */
    boolean onFailure(PlannedStep ps, StepFailure failure) throws InterruptedException, IOException, SQLException {
        String what = "step " + ps.number() + " " + ps.step().kind().configName() + " failed: " + failure.getMessage();
        run.note(what);
        Recovery recovery = ps.step() instanceof Step.Analysis
                ? orRollBack(run.plan.recovery().analysisFailed(run.state))
                : performed(new DetectedFault(ps.step().universe(), false));
        return switch (recovery) {
            case Recovery.RollBack r -> {
                rollBack(r, what);
                yield false;
            }
            case Recovery.RepairInPlace r -> repairOrAbandon(ps, failure);
            case Recovery.SwitchBack r -> {
                switchBack(r, what);
                yield false;
            }
            case Recovery.AbandonParallel r -> {
                abandonParallel(r, what);
                yield false;
            }
            case Recovery.AbortCanary r -> {
                abortCanary(r, what);
                yield false;
            }
        };
    }

    /** Repairs and retries a step that failed outside the serving universe, at most a few times, else gives the universe up. */
    private boolean repairOrAbandon(PlannedStep ps, StepFailure failure) throws InterruptedException, SQLException {
        Universe u = ps.step().universe();
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
        abandonParallel(run.plan.recovery().abandonParallel(),
                "step " + ps.number() + " failed and could not be repaired: " + failure.getMessage());
        return false;
    }

    /**
     * Fixes faults caught in the parallel universe and re-runs what failed: the nodes' restarts
     * (logged as a Start) and a failed runtime test (logged as a RuntimeTest); empty when it worked.
     */
    private String repairAndRetry(PlannedStep ps, List<ActiveFault> found, List<String> failedNodes)
            throws InterruptedException {
        long start = System.nanoTime();
        Universe u = ps.step().universe();
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
                Optional<AppNode> n = run.node(u, t);
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
            Step retried = ps.step() instanceof Step.RuntimeTest t ? t : new Step.Start(u, List.copyOf(restart), NO_TIME, 0);
            logStep(retried, List.copyOf(restart), start, status, "repair in the parallel universe: " + found);
            run.monitor.judgeFromNow();
        }
    }

    /**
     * Production broke: back to the old version everywhere, data included. The data is converted
     * back whatever the recovery lists (a failed conversion may have changed some of it), logged
     * as a Rollback of the database with the tables it converted back; each node put back on the
     * old version as a Rollback of it. A migration step a fault skipped is not redone first: the
     * rollback puts the data back in the old schema, which the skipped table still has, and
     * redoing it only to convert it back lengthened the outage (run H: 9.5 s against 7.8 s).
     */
    private void rollBack(Recovery.RollBack recovery, String why) throws InterruptedException, IOException, SQLException {
        long start = System.nanoTime();
        run.note("rolling back: " + why);
        run.ingress.update(r -> r.withPlannedOutage(false).withReadOnly(false));
        List<AppNode> nodes = run.apps.values().stream().filter(n -> n.universe == Universe.PRODUCTION)
                .sorted(Comparator.comparing(n -> n.name)).toList();
        run.faults.rollBackActive(EnumSet.allOf(Universe.class));
        run.nodes.stopAll(nodes.stream().filter(n -> !n.version.equals(run.from) || !n.running()).toList());
        String dataDetail;
        try (Connection c = run.requireDb(Universe.PRODUCTION).admin()) {
            Conversion.Report back = run.system.convertBack(c);
            run.system.grantApp(c);
            run.system.stopCapture(c);
            // Each table's rows calibrate the simulator's rollback, which converts back only what was converted.
            dataDetail = back.rows() + " rows converted back to " + run.from + back.swaps().stream()
                    .map(w -> w.table() + " " + w.rows()).collect(Collectors.joining(", ", " [", "]"));
        } catch (SQLException e) {
            // Go on: the nodes must come back even if some data could not be converted back.
            dataDetail = "converting the data back failed: " + e.getMessage();
        }
        run.note("rollback: " + dataDetail);
        run.rolledBack = true;
        List<String> db = List.of(run.system.dbNodes().getFirst());
        logStep(new Step.Rollback(Universe.PRODUCTION, db, recovery.time()), db, start, "ok",
                "rolled back to " + run.from + " (" + dataDetail + "): " + why);
        for (AppNode n : nodes) {
            if (n.running()) {
                if (!n.inRotation) {
                    run.nodes.putInRotation(n);
                }
                continue;
            }
            long nodeStart = System.nanoTime();
            run.system.install(run.from, n.jar());
            n.version = run.from;
            n.configFault = Optional.empty();
            run.nodes.writeConfig(n);
            String status = "ok";
            String detail = "rolled back to " + run.from + ": " + why;
            try {
                run.nodes.launch(n);
                run.nodes.putInRotation(n);
            } catch (StepFailure e) {
                status = "failed";
                detail = "could not restart " + n.name + ": " + e.getMessage();
                run.note("rollback " + detail);
            }
            logStep(new Step.Rollback(Universe.PRODUCTION, List.of(n.name), recovery.time()), List.of(n.name), nodeStart,
                    status, detail);
        }
        long retireStart = System.nanoTime();
        Universe other = run.serving.other();
        List<String> dropped = abandonParallelQuietly();
        run.countNodes();
        recovery.steps().forEach(s -> StepAction.of(s).effect(run.state));
        if (!dropped.isEmpty()) {
            logStep(new Step.Retire(other, dropped, NO_TIME), dropped, retireStart, "ok", "retired the unused "
                    + other.configName() + " universe after the rollback");
        }
        // What the recovery itself disturbed is not the new version's failure.
        run.monitor.judgeFromNow();
    }

    /**
     * Aborts a canary as Argo does: weight 0 at the ingress (every session, canary ones too, back
     * on the stable nodes, which never left), then the canary nodes drained and retired, each logged
     * as the recovery's step; the faults they carried go with them. The data stays: the schema
     * change is compatible, the old version reads it.
     */
    private void abortCanary(Recovery.AbortCanary recovery, String why) throws InterruptedException {
        long start = System.nanoTime();
        run.note("aborting the canary: " + why);
        run.ingress.update(r -> r.withSplit(Optional.of(r.split().orElse(run.split()).withWeight(0))));
        List<Step> steps = recovery.steps();
        logStep(steps.getFirst(), List.of(), start, "ok", "weight 0: every session back on " + run.from + ": " + why);
        List<AppNode> canaries = recovery.nodes().stream().flatMap(n -> run.node(Universe.PRODUCTION, n).stream()).toList();
        long drainStart = System.nanoTime();
        run.ingress.drain(canaries.stream().map(AppNode::id).collect(java.util.stream.Collectors.toSet()), true,
                run.clientTimeout.plusSeconds(1));
        canaries.forEach(n -> n.inRotation = false);
        if (steps.size() > 1) {
            logStep(steps.get(1), recovery.nodes(), drainStart, "ok", "drained the canary nodes");
        }
        long retireStart = System.nanoTime();
        run.faults.repairActive(EnumSet.of(Universe.PRODUCTION));
        canaries.forEach(run.nodes::remove);
        run.countNodes();
        if (steps.size() > 2) {
            logStep(steps.get(2), recovery.nodes(), retireStart, "ok", "retired the canary nodes");
        }
        steps.forEach(s -> StepAction.of(s).effect(run.state));
        run.rolledBack = true;
        // The monitor watches the new version's nodes, and none is left: a detection it made on the
        // canary meanwhile is what this abort handled, not a second fault.
        run.monitor.reset();
    }

    /** Nothing to go back to: repair the faults in the serving universe and restart (a Start) what they broke. */
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
        logStep(new Step.Start(run.serving, restarted, NO_TIME, 0), restarted, start, "ok",
                "repaired in the serving universe: " + why);
        run.monitor.judgeFromNow();
    }

    /**
     * A fault got past the switch: send traffic back to the old universe, which still runs (logged
     * as the recovery's Switch), then retire the failed one (logged as a Retire of it).
     */
    private void switchBack(Recovery.SwitchBack recovery, String why) {
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
        run.rolledBack = true;
        Step flip = new Step.Switch(back, recovery.hold(), false);
        StepAction.of(flip).effect(run.state);
        logStep(flip, old.stream().map(n -> n.name).toList(), start, "ok",
                "switched back to " + back.configName() + " (" + synced[0] + " changes synced back): " + why);
        long retireStart = System.nanoTime();
        List<String> retired = retireUniverse(failed);
        logStep(new Step.Retire(failed, retired, NO_TIME), retired, retireStart, "ok",
                "retired the " + failed.configName() + " universe switched away from");
        run.monitor.judgeFromNow();
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

    /** The parallel universe failed before the switch: drop it (logged as the recovery's Retire); production was never touched. */
    private void abandonParallel(Recovery.AbandonParallel recovery, String why) throws SQLException {
        long start = System.nanoTime();
        Universe other = run.serving.other();
        run.note("abandoning the upgrade: " + why);
        run.ingress.update(r -> r.withReadOnly(false));
        List<String> retired = abandonParallelQuietly();
        run.rolledBack = true;
        logStep(new Step.Retire(other, retired, recovery.time()), retired, start, "ok",
                "abandoned the " + other.configName() + " universe: " + why);
        run.monitor.judgeFromNow();
    }

    /** Retires the universe that does not serve, if there is one; returns the nodes it had. */
    private List<String> abandonParallelQuietly() throws SQLException {
        Universe other = run.serving.other();
        boolean exists = run.dbs.containsKey(other) || run.apps.values().stream().anyMatch(n -> n.universe == other);
        if (!exists) {
            return List.of();
        }
        List<String> retired = retireUniverse(other);
        DatabaseServer prod = run.dbs.get(run.serving);
        if (prod != null && prod.process().alive()) {
            try (Connection c = prod.admin()) {
                run.system.stopCapture(c);
            }
        }
        return retired;
    }

    /** Stops and removes every node and the database of {@code u}; returns their names. */
    private List<String> retireUniverse(Universe u) {
        run.closeSyncer();
        List<String> retired = new ArrayList<>();
        for (AppNode n : List.copyOf(run.apps.values())) {
            if (n.universe == u) {
                run.nodes.remove(n);
                retired.add(n.name);
            }
        }
        DatabaseServer db = run.dbs.remove(u);
        if (db != null) {
            db.stop();
            retired.addAll(run.system.dbNodes());
        }
        run.faults.all().stream().filter(f -> f.universe == u)
                .forEach(f -> f.squatter.ifPresent(p -> run.supervisor.stop(p, Duration.ofSeconds(2))));
        run.state.drop(u);
        run.countNodes();
        return List.copyOf(retired);
    }

    /**
     * Logs a recovery step after the plan's, each a group of its own, with the kind and universe of
     * {@code step}; {@code targets} are the nodes it really acted on.
     */
    private void logStep(Step step, List<String> targets, long start, String status, String detail) {
        int number;
        synchronized (run) {
            number = run.plan.steps().size() + ++run.extraSteps;
        }
        int group = run.plan.steps().isEmpty() ? number : run.plan.steps().getLast().group() + run.extraSteps;
        run.steps.add(new StepRecord(number, group, step.kind(), step.universe(), targets, start, System.nanoTime(),
                status, detail));
        run.options.progress().accept(new ExecutorEvent.StepFinished(new PlannedStep(number, group, step), status, detail));
    }

    /** A recovery step's time: it is measured, not drawn. */
    private static final Dist NO_TIME = Dist.constant(0);
}
