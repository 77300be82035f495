package imago.sim.engine;

import imago.model.plan.Step;
import imago.sim.random.Sampler;
import umontreal.ssj.simevents.Event;

/**
 * One target of a step (or the step itself, when it has none): takes its own draw of the step's
 * duration and applies the step's effect to its node (DESIGN §4).
 */
final class TargetRun extends Event {
    private static final int MAIN = 0, READY = 1, EXTENSION = 2, WAITING = 3, DONE = 4;

    private final StepRun run;
    private final Engine engine;
    private final World w;
    private final NodeRt node;
    private int phase = MAIN;
    private double duration;

    TargetRun(StepRun run, NodeRt node) {
        super(run.engine.sim);
        this.run = run;
        this.engine = run.engine;
        this.w = run.engine.world;
        this.node = node;
    }

    int universe() {
        return run.universe;
    }

    void begin() {
        duration = Sampler.of(run.step.duration()).sample(engine.stepStream());
        switch (run.step) {
            case Step.Provision p -> w.allocate(node);
            case Step.Drain d -> {
                if (node != null) {
                    w.drain(node);
                    if (node.inflight == 0) {
                        duration = 0;
                    } else {
                        node.drainWaiter = this; // ends early when the node is idle
                    }
                }
            }
            case Step.Stop s -> w.stop(node, run.verdict());
            case Step.Rollback r -> {
                if (!w.isDatabase(node)) {
                    w.stop(node, run.verdict());
                }
            }
            case Step.Retire r -> {
                if (w.mustWaitForSessions(run.universe)) {
                    // Callbacks its pages issued still come back to this universe: retire only after them.
                    phase = WAITING;
                    w.retireWaiters.add(this);
                    return;
                }
            }
            default -> { }
        }
        schedule(duration);
    }

    void sessionsDrained() {
        if (phase == WAITING) {
            phase = MAIN;
            schedule(duration);
        }
    }

    void drained() {
        node.drainWaiter = null;
        if (phase == MAIN && cancel()) {
            schedule(0);
        }
    }

    @Override
    public void actions() {
        engine.events++;
        if (phase == DONE) {
            return;
        }
        if (phase == READY) {
            w.ready(node);
            finish();
            return;
        }
        if (phase == EXTENSION) {
            done();
            return;
        }
        switch (run.step) {
            case Step.Provision p -> w.provisioned(node);
            case Step.Drain d -> {
                if (node != null && node.drainWaiter == this) {
                    node.drainWaiter = null;
                }
            }
            case Step.Install i -> w.install(node);
            case Step.Start s -> {
                w.run(node);
                if (s.readinessDelayS() > 0) {
                    phase = READY;
                    schedule(s.readinessDelayS());
                    return;
                }
                w.ready(node);
            }
            case Step.Retire r -> w.retire(node, run.verdict());
            case Step.Rollback r -> {
                if (w.isDatabase(node)) {
                    engine.restoreData(node);
                } else {
                    engine.faults.clearNode(node, false);
                    w.rollBack(node);
                }
            }
            case Step.RuntimeTest t -> {
                // Faults the test step itself introduces are there before it judges.
                engine.faults.draw(run.planned, node, run.universe);
                double extension = engine.faults.runtimeTest(run.universe, t.coverage());
                if (extension > 0) {
                    phase = EXTENSION;
                    schedule(extension);
                    return;
                }
                done();
                return;
            }
            case Step.Switch s -> engine.flip(run.universe, s.drainSessions(), run.onPurpose);
            default -> { }
        }
        finish();
    }

    private void finish() {
        engine.faults.draw(run.planned, node, run.universe);
        done();
    }

    private void done() {
        phase = DONE;
        run.targetDone();
    }

    /** The step is abandoned: stop waiting, leave the node as it is. */
    void abort() {
        if (phase != DONE) {
            if (run.step instanceof Step.Switch && phase == MAIN) {
                engine.traffic.releaseHeld(); // a switch abandoned mid-hold must not keep requests held
            }
            phase = DONE;
            cancel();
            if (node != null && node.drainWaiter == this) {
                node.drainWaiter = null;
            }
            w.retireWaiters.remove(this);
        }
    }
}
