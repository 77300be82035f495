package imago.executor.run;

import imago.executor.db.Sync;
import imago.model.plan.PlannedStep;
import imago.model.plan.Step;
import imago.model.plan.Universe;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/** Replays the captured changes, converted, until the backlog is (almost) empty; then keeps syncing in the background. */
record SyncDataAction(Step.SyncData step) implements StepAction {

    /** A backlog this small is converged: the switch's final sync takes the rest. */
    private static final long CONVERGED = 50;
    /** A backlog that has not shrunk for this long never will. */
    private static final Duration NO_PROGRESS = Duration.ofSeconds(15);

    @Override
    public Done act(RunContext run, PlannedStep ps) throws Exception {
        for (String t : step.targets()) {
            run.faults.injectAt(ps, t);
        }
        Syncer sy = run.syncer.orElseGet(() -> {
            Syncer created = new Syncer(run.system, run.requireDb(Universe.PRODUCTION), run.requireDb(step.universe()), run::note);
            run.syncer = Optional.of(created);
            return created;
        });
        long t0 = System.nanoTime();
        long rows = 0;
        long changes = 0;
        long backlog = sy.backlog();
        long initial = backlog;
        long best = backlog;
        long lastProgress = System.nanoTime();
        while (true) {
            Sync.Pass pass = sy.pass(5000);
            rows += pass.rows();
            changes += pass.changes();
            backlog = pass.backlog();
            if (backlog < CONVERGED) {
                break;
            }
            if (backlog < best) {
                best = backlog;
                lastProgress = System.nanoTime();
            } else if (System.nanoTime() - lastProgress > NO_PROGRESS.toNanos()) {
                run.syncNeverConverges = true;
                return StepAction.unchanged("did not converge: backlog " + backlog + " changes after " + changes + " applied");
            }
        }
        sy.runInBackground();
        double secs = (System.nanoTime() - t0) / 1e9;
        return StepAction.done(String.format(Locale.ROOT, "backlog %d changes; applied %d changes (%d rows) in %.2f s; background sync on",
                initial, changes, rows, secs));
    }

    @Override
    public void effect(RunState state) {
        // The data's schema stays what the conversion made it; now it has the writes made meanwhile.
        state.synced(step.universe());
    }
}
