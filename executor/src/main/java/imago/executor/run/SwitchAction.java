package imago.executor.run;

import imago.executor.db.DatabaseServer;
import imago.executor.ingress.Backend;
import imago.executor.ingress.Routing;
import imago.model.plan.PlannedStep;
import imago.model.plan.Step;
import imago.model.plan.Universe;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Makes the parallel universe serve: the ingress holds new requests and drains in-flight ones; the
 * final sync runs and the new database starts recording writes for a switch back; the routing flips
 * and the held requests are released. With {@code drainSessions} old sessions' callbacks stay with
 * the old universe, whose writes the background sync keeps bringing over.
 */
record SwitchAction(Step.Switch step) implements StepAction {

    @Override
    public Done act(RunContext run, PlannedStep ps) throws Exception {
        if (step.universe() == run.serving) {
            return StepAction.unchanged("already serving");
        }
        Universe target = step.universe();
        Universe old = run.serving;
        List<AppNode> next = run.apps.values().stream().filter(n -> n.universe == target && n.running()).toList();
        if (next.isEmpty()) {
            throw new StepFailure("switch: no running node in the " + target.configName() + " universe", List.of());
        }
        List<Backend> oldBackends = run.ingress.routing().active();
        long[] finalSync = {0};
        Duration held = run.ingress.switchOver(r -> new Routing(next.stream().map(AppNode::backend).toList(), false, false,
                        step.drainSessions() ? Optional.of(new Routing.Sticky(run.from, oldBackends)) : Optional.empty()),
                () -> {
                    if (run.syncer.isPresent()) {
                        run.syncer.get().pause();
                        finalSync[0] = run.syncer.get().drainAll();
                    }
                    captureForSwitchBack(run, old, target);
                }, run.clientTimeout);
        run.serving = target;
        run.switchedAt = System.nanoTime();
        next.forEach(n -> n.inRotation = true);
        run.apps.values().stream().filter(n -> n.universe == old).forEach(n -> n.inRotation = false);
        if (step.drainSessions() && run.syncer.isPresent()) {
            // Callbacks still go to the old universe for a while: keep syncing what they write.
            run.syncer.get().runInBackground();
        }
        for (ActiveFault f : run.faults.active(target)) {
            f.escaped = true;
            f.reachedProduction = true;
            f.reachedNanos = run.switchedAt;
            run.note("fault escaped detection before the switch and now serves: " + f);
        }
        return StepAction.done(String.format(Locale.ROOT, "held new requests %.3f s; final sync %d changes; now serving %s%s",
                held.toNanos() / 1e9, finalSync[0], target.configName(),
                step.drainSessions() ? "; old sessions' callbacks drain to " + old.configName() : ""));
    }

    /**
     * Installs change capture in the database of the universe about to serve, while the switch
     * holds new requests: every write it acknowledges from its first request on is recorded, so that
     * a reversed switch can bring those writes back into the old universe's database.
     */
    private static void captureForSwitchBack(RunContext run, Universe old, Universe target) throws SQLException {
        DatabaseServer oldDb = run.dbs.get(old);
        DatabaseServer newDb = run.dbs.get(target);
        if (oldDb == null || newDb == null || oldDb == newDb) {
            return;
        }
        try (Connection c = newDb.admin()) {
            run.system.captureChanges(c);
        }
        run.reverseCapture = Optional.of(target);
    }

    @Override
    public void effect(RunState state) {
        state.serve(step.universe());
    }
}
