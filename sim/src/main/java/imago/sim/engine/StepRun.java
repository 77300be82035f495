package imago.sim.engine;

import imago.model.plan.PlannedStep;
import imago.model.plan.Step;

import java.util.ArrayList;
import java.util.List;

/**
 * One step under way: its targets run in parallel, and it ends when the last one does. What the
 * step does is its kind's {@link StepAction}; this class only keeps the targets' count.
 */
final class StepRun {
    final Engine engine;
    final PlannedStep planned;
    final Step step;
    /** Universe of the step's nodes. */
    final int universe;
    /** Part of the plan (planned unavailability), or a recovery step. */
    final boolean onPurpose;
    final StepAction action;
    private final PlanRunner runner;
    private final List<TargetRun> targets = new ArrayList<>();
    private int left;
    private boolean cancelled;

    StepRun(Engine engine, PlanRunner runner, PlannedStep ps, boolean onPurpose) {
        this.engine = engine;
        this.runner = runner;
        this.planned = ps;
        this.step = ps.step();
        this.universe = World.index(step.universe());
        this.onPurpose = onPurpose;
        this.action = StepAction.of(this);
    }

    World world() {
        return engine.world;
    }

    boolean cancelled() {
        return cancelled;
    }

    void start() {
        if (!action.beginStep()) {
            return;
        }
        if (step.targets().isEmpty()) {
            targets.add(new TargetRun(this, null));
        } else {
            for (String name : step.targets()) {
                targets.add(new TargetRun(this, world().node(universe, name)));
            }
        }
        left = targets.size();
        for (TargetRun t : List.copyOf(targets)) {
            if (cancelled) {
                return;
            }
            t.begin();
        }
    }

    void targetDone() {
        if (cancelled || --left > 0) {
            return;
        }
        action.completeStep();
        runner.stepDone(this);
    }

    void cancel() {
        cancelled = true;
        for (TargetRun t : targets) {
            t.abort();
        }
    }

    /** Failures this step causes by taking capacity away: planned unless it is a recovery. */
    int verdict() {
        return onPurpose ? Admission.PLANNED : Admission.UNPLANNED;
    }
}
