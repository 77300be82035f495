package imago.sim.engine;

import imago.sim.random.Sampler;
import umontreal.ssj.simevents.Event;

/**
 * One target of a step (or the step itself, when it has none): takes its own draw of the step's
 * duration and runs its step's {@link StepAction} on its node (DESIGN §4), in up to two phases.
 */
final class TargetRun extends Event {
    /** Returned by {@link StepAction#begin} for a target that something else will schedule. */
    static final double WAITING = -1;
    private static final int MAIN = 0, LATER = 1, WAITING_PHASE = 2, DONE = 3;

    private final StepRun run;
    private final Engine engine;
    /** The target node; null for a step without targets. */
    final NodeRt node;
    private int phase = MAIN;
    private double duration;

    TargetRun(StepRun run, NodeRt node) {
        super(run.engine.sim);
        this.run = run;
        this.engine = run.engine;
        this.node = node;
    }

    int universe() {
        return run.universe;
    }

    boolean inMainPhase() {
        return phase == MAIN;
    }

    void begin() {
        duration = Sampler.of(run.step.duration()).sample(engine.stepStream());
        if (run.action.drawsFaultAtBegin()) {
            engine.faults.draw(run.planned, node, run.universe);
        }
        double delay = run.action.begin(this, duration);
        if (delay == WAITING) {
            phase = WAITING_PHASE;
            return;
        }
        schedule(delay);
    }

    /** A retirement waiting for pinned callbacks may go on. */
    void sessionsDrained() {
        if (phase == WAITING_PHASE) {
            phase = MAIN;
            schedule(duration);
        }
    }

    /** A draining node became idle: the drain ends now. */
    void drained() {
        node.drainWaiter = null;
        if (phase == MAIN && cancel()) {
            schedule(0);
        }
    }

    /** The second phase begins and ends {@code delay} from now. */
    void then(double delay) {
        phase = LATER;
        schedule(delay);
    }

    @Override
    public void actions() {
        engine.events++;
        if (phase == MAIN) {
            run.action.complete(this);
        } else if (phase == LATER) {
            run.action.completeLater(this);
        }
    }

    /** The execution on this target is over: it may have introduced a fault (unless it drew it as it began). */
    void finish() {
        if (!run.action.drawsFaultAtBegin()) {
            engine.faults.draw(run.planned, node, run.universe);
        }
        done();
    }

    void done() {
        phase = DONE;
        run.targetDone();
    }

    /** The step is abandoned: stop waiting, leave the node as it is. */
    void abort() {
        if (phase != DONE) {
            run.action.abort(this);
            phase = DONE;
            cancel();
        }
    }
}
