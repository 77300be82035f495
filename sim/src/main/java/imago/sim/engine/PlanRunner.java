package imago.sim.engine;

import imago.model.plan.PlannedStep;
import imago.model.plan.StateView;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs a plan group by group: the steps of a group in parallel, the next group when all of them
 * have ended. A rollback or a reversed switch replaces what is left of the plan with recovery
 * groups.
 */
final class PlanRunner {
    private final Engine engine;
    private List<List<PlannedStep>> groups;
    private boolean planned = true;
    private int next;
    private final List<StepRun> active = new ArrayList<>();
    private int activeLeft;
    /** Bumped whenever the running group is abandoned, so stale starts stop. */
    private int generation;
    private boolean running;
    private final GroupObserver observer;
    private final StateView view;

    PlanRunner(Engine engine, List<List<PlannedStep>> groups, GroupObserver observer, StateView view) {
        this.engine = engine;
        this.groups = groups;
        this.observer = observer;
        this.view = view;
    }

    boolean running() {
        return running;
    }

    void start() {
        running = true;
        advance();
    }

    private void advance() {
        if (planned && next > 0) {
            observer.groupsDone(next, view);
            if (engine.plannedGroupDone(groups.get(next - 1))) {
                return; // the deadline rolled the rollout back: the recovery runs instead
            }
        }
        if (next >= groups.size()) {
            running = false;
            engine.planFinished();
            return;
        }
        List<PlannedStep> g = groups.get(next++);
        int gen = ++generation;
        active.clear();
        for (PlannedStep ps : g) {
            active.add(new StepRun(engine, this, ps, planned));
        }
        activeLeft = active.size();
        for (StepRun s : List.copyOf(active)) {
            if (gen != generation) {
                return; // a step abandoned the plan while the group was starting
            }
            s.start();
        }
    }

    void stepDone(StepRun s) {
        if (s.cancelled()) {
            return;
        }
        if (--activeLeft == 0) {
            advance();
        }
    }

    /** Stops the steps under way; what they changed so far stays changed. */
    private void cancelActive() {
        generation++;
        for (StepRun s : active) {
            s.cancel();
        }
        active.clear();
        activeLeft = 0;
    }

    /** The plan cannot go on (a sync that never converges): production keeps serving as it is. */
    void abandon() {
        cancelActive();
        groups = List.of();
        next = 0;
        running = false;
    }

    /** Replaces the rest of the plan with {@code recovery}, each step a group of its own. */
    void recover(List<PlannedStep> recovery) {
        cancelActive();
        List<List<PlannedStep>> gs = new ArrayList<>();
        for (PlannedStep ps : recovery) {
            gs.add(List.of(ps));
        }
        groups = gs;
        next = 0;
        planned = false;
        running = true;
        advance();
    }
}
