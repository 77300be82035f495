package imago.sim.engine;

import imago.model.plan.PlannedStep;
import imago.model.plan.Step;

import java.util.ArrayList;
import java.util.List;

/** One step under way: its targets run in parallel, and it ends when the last one does. */
final class StepRun {
    final Engine engine;
    final PlannedStep planned;
    final Step step;
    /** Universe of the step's nodes. */
    final int universe;
    /** Part of the plan (planned unavailability), or a recovery step. */
    final boolean onPurpose;
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
    }

    boolean cancelled() {
        return cancelled;
    }

    void start() {
        World w = engine.world;
        switch (step) {
            case Step.ConvertData c -> w.conversionStarted(w.dataUniverse(universe), !c.online(), c.rows() / c.rate());
            case Step.SyncData s -> {
                if (!s.converges()) {
                    engine.syncNeverConverges();
                    return;
                }
            }
            case Step.Switch s -> engine.traffic.hold(onPurpose);
            default -> { }
        }
        if (step.targets().isEmpty()) {
            targets.add(new TargetRun(this, null));
        } else {
            for (String name : step.targets()) {
                targets.add(new TargetRun(this, w.node(universe, name)));
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
        World w = engine.world;
        switch (step) {
            case Step.ConvertData c -> w.conversionEnded(w.dataUniverse(universe));
            case Step.SyncData s -> w.data[w.dataUniverse(universe)].synced = true;
            default -> { }
        }
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
        return onPurpose ? World.PLANNED : World.UNPLANNED;
    }
}
