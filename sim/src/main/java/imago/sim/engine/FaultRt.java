package imago.sim.engine;

import imago.model.fault.FaultType;
import imago.model.plan.PlannedStep;

/** One injected fault and where it is in its life. */
final class FaultRt {
    /** In a universe without live traffic, not yet tested. */
    static final int LATENT = 0;
    /** Missed by a runtime test; goes live with its universe. */
    static final int MISSED = 1;
    /** Live, waiting for its node to serve. */
    static final int PENDING = 2;
    /** Failing requests. */
    static final int ACTIVE = 3;
    static final int REPAIRED = 4;
    static final int CAUGHT = 5;
    /** Its node went away (retired, rolled back) before it hit traffic. */
    static final int GONE = 6;

    final FaultType type;
    final PlannedStep step;
    final NodeRt node;
    final int universe;
    final double injectedAt;

    /** For a type 4 fault in a conversion: the table it left out (its effect is in the data, not on its node); else 0. */
    long skippedTables;
    int state;
    boolean escaped;
    double activatedAt = Double.NaN;
    double detectedAt = Double.NaN;
    double repairedAt = Double.NaN;
    Action repairEvent;

    FaultRt(FaultType type, PlannedStep step, NodeRt node, int universe, double injectedAt) {
        this.type = type;
        this.step = step;
        this.node = node;
        this.universe = universe;
        this.injectedAt = injectedAt;
    }

    boolean failsAll() {
        return type == FaultType.SIMPLE_CONFIG || type == FaultType.BROKEN_ENVIRONMENT;
    }
}
