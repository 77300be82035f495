package imago.executor.run;

import imago.executor.db.DatabaseServer;
import imago.model.plan.PlannedStep;
import imago.model.plan.Step;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Removes nodes for good. The old universe after a switch is kept while a fault is detected; else
 * its last callbacks are waited for and synced, and the serving database stops recording writes
 * for a switch back (there is nothing to switch back to).
 */
record RetireAction(Step.Retire step) implements StepAction {

    @Override
    public Done act(RunContext run, PlannedStep ps) throws InterruptedException, SQLException {
        if (step.universe() == run.serving) {
            step.targets().forEach(t -> run.node(step.universe(), t).ifPresent(run.nodes::remove));
            run.countNodes();
            return StepAction.done("retired " + step.targets());
        }
        // The old universe after a switch (kept for a while by the plan's wait before this step).
        if (run.monitor.detection().isPresent()) {
            return StepAction.unchanged("kept: a fault was detected after the switch");
        }
        awaitOldSessions(run);
        long synced = 0;
        if (run.syncer.isPresent()) {
            run.syncer.get().pause();
            synced = run.syncer.get().drainAll();
            run.closeSyncer();
        }
        for (String t : step.targets()) {
            if (run.isDbNode(t)) {
                Optional.ofNullable(run.dbs.get(step.universe())).ifPresent(DatabaseServer::stop);
            } else {
                run.node(step.universe(), t).ifPresent(run.nodes::remove);
            }
        }
        run.countNodes();
        if (run.reverseCapture.isPresent() && run.reverseCapture.get() == run.serving) {
            run.reverseCapture = Optional.empty();
            try (Connection c = run.requireDb(run.serving).admin()) {
                run.system.dropCapture(c);
            } catch (SQLException e) {
                // Left behind it costs a row per write, nothing else: not worth failing the run.
                run.note("could not remove the change capture for a switch back: " + e.getMessage());
            }
        }
        return StepAction.done("retired " + step.universe().configName() + " " + step.targets()
                + " (last callbacks synced: " + synced + ")");
    }

    /** Old sessions' callbacks still go to the old universe: wait until they have been quiet a while (bounded). */
    private static void awaitOldSessions(RunContext run) throws InterruptedException {
        if (run.ingress.routing().sticky().isEmpty()) {
            return;
        }
        double mean = run.experiment.workload().async().delay().mean();
        long quiet = (long) (Math.max(0.5, 3 * mean) * 1e9);
        long cap = System.nanoTime() + (long) (Math.max(5, 10 * mean) * 1e9);
        while (System.nanoTime() < cap && System.nanoTime() - Math.max(run.ingress.lastStickyUse(), run.switchedAt) < quiet) {
            Thread.sleep(50);
        }
        run.ingress.update(x -> x.withSticky(Optional.empty()));
    }

    @Override
    public void effect(RunState state) {
        step.targets().forEach(t -> state.retire(step.universe(), t));
    }
}
