package imago.model.plan;

import imago.model.dist.Dist;

import java.util.List;

/**
 * One typed step of a plan. A step acts on its target nodes in one universe, on all of them at
 * once; each target takes a time drawn from {@link #duration()}.
 */
public sealed interface Step {

    StepKind kind();

    Universe universe();

    /** Node names; empty for steps that act on a whole universe (RuntimeTest, Switch) or on none (Wait). */
    List<String> targets();

    Dist duration();

    /** The expected duration in seconds (infinite for a sync that never converges). */
    default double expectedSeconds() {
        return duration().mean();
    }

    /** Create the nodes of a universe (machines, containers). */
    record Provision(Universe universe, List<String> targets, Dist duration) implements Step {
        public Provision { targets = List.copyOf(targets); }
        @Override public StepKind kind() { return StepKind.PROVISION; }
    }

    /** Stop routing new requests to the targets and wait for their in-flight requests. */
    record Drain(Universe universe, List<String> targets, Dist duration) implements Step {
        public Drain {
            targets = List.copyOf(targets);
            if (targets.isEmpty()) {
                throw new IllegalArgumentException("a Drain needs targets; a pause is a Wait");
            }
        }
        @Override public StepKind kind() { return StepKind.DRAIN; }
    }

    /**
     * A pause: nothing changes for {@code duration} (a rolling batch's pause, the time the old
     * universe is kept after a switch). {@code universe} is where a fault drawn for it would land.
     */
    record Wait(Universe universe, Dist duration) implements Step {
        @Override public StepKind kind() { return StepKind.WAIT; }
        @Override public List<String> targets() { return List.of(); }
    }

    record Stop(Universe universe, List<String> targets, Dist duration) implements Step {
        public Stop { targets = List.copyOf(targets); }
        @Override public StepKind kind() { return StepKind.STOP; }
    }

    /** Install the new version's code and libraries. */
    record Install(Universe universe, List<String> targets, Dist duration) implements Step {
        public Install { targets = List.copyOf(targets); }
        @Override public StepKind kind() { return StepKind.INSTALL; }
    }

    /** Write the new version's configuration. */
    record Configure(Universe universe, List<String> targets, Dist duration) implements Step {
        public Configure { targets = List.copyOf(targets); }
        @Override public StepKind kind() { return StepKind.CONFIGURE; }
    }

    /** Start the targets; they take traffic after the readiness delay. */
    record Start(Universe universe, List<String> targets, Dist duration, double readinessDelayS) implements Step {
        public Start { targets = List.copyOf(targets); }
        @Override public StepKind kind() { return StepKind.START; }
        @Override public double expectedSeconds() { return duration.mean() + readinessDelayS; }
    }

    /**
     * Convert the data in bulk at {@code rate} rows/s. Online, the universe keeps serving and new
     * writes pile up for {@link SyncData}; offline, writes to that data are refused meanwhile.
     * {@code phase} says which part of the schema change it runs: all of it, or the expand or the
     * contract half of an expand/contract change.
     */
    record ConvertData(Universe universe, List<String> targets, long rows, double rate, boolean online, Phase phase)
            implements Step {
        /**
         * All of the change; its expansion, which adds the new columns beside the old ones and
         * backfills them (both versions work on the result); or its contraction, which drops the
         * old columns (only the new version works on the result).
         */
        public enum Phase { FULL, EXPAND, CONTRACT }

        public ConvertData { targets = List.copyOf(targets); }

        public ConvertData(Universe universe, List<String> targets, long rows, double rate, boolean online) {
            this(universe, targets, rows, rate, online, Phase.FULL);
        }
        @Override public StepKind kind() { return StepKind.CONVERT_DATA; }
        @Override public Dist duration() { return Dist.constant(rows / rate); }
    }

    /**
     * Convert the writes made in production since the bulk conversion began. It converges only if
     * conversion outpaces the write rate: the backlog shrinks at {@code rate - writeRate} rows/s.
     */
    record SyncData(Universe universe, List<String> targets, double backlogRows, double rate, double writeRate)
            implements Step {
        public SyncData { targets = List.copyOf(targets); }
        @Override public StepKind kind() { return StepKind.SYNC_DATA; }

        public boolean converges() {
            return rate > writeRate;
        }

        @Override
        public Dist duration() {
            return Dist.constant(converges() ? backlogRows / (rate - writeRate) : 0);
        }

        @Override
        public double expectedSeconds() {
            return converges() ? backlogRows / (rate - writeRate) : Double.POSITIVE_INFINITY;
        }
    }

    /**
     * Replay the share {@code coverage} of production's reads against the parallel universe for its
     * duration; the faults those reads exercise are caught.
     */
    record RuntimeTest(Universe universe, Dist duration, double coverage) implements Step {
        @Override public StepKind kind() { return StepKind.RUNTIME_TEST; }
        @Override public List<String> targets() { return List.of(); }
    }

    /**
     * Make {@code universe} the serving one: hold new requests, drain in-flight ones (and open
     * sessions' callbacks when {@code drainSessions}), apply the final sync lag, flip, release.
     */
    record Switch(Universe universe, Dist duration, boolean drainSessions) implements Step {
        @Override public StepKind kind() { return StepKind.SWITCH; }
        @Override public List<String> targets() { return List.of(); }
    }

    /** Remove the targets for good. */
    record Retire(Universe universe, List<String> targets, Dist duration) implements Step {
        public Retire { targets = List.copyOf(targets); }
        @Override public StepKind kind() { return StepKind.RETIRE; }
    }

    /** Put the targets back on the old version. Plans get it only when the run needs to roll back. */
    record Rollback(Universe universe, List<String> targets, Dist duration) implements Step {
        public Rollback { targets = List.copyOf(targets); }
        @Override public StepKind kind() { return StepKind.ROLLBACK; }
    }

    /**
     * Route {@code percent} percent of new sessions to the universe's new-version nodes, the rest
     * to its old-version nodes; a session stays on the version it was sent to while both take a
     * share (sticky), and all go to one version at 0 and 100.
     */
    record SetWeight(Universe universe, int percent) implements Step {
        public SetWeight {
            if (percent < 0 || percent > 100) {
                throw new IllegalArgumentException("a weight must be in 0..100 (was " + percent + ")");
            }
        }
        @Override public StepKind kind() { return StepKind.SET_WEIGHT; }
        @Override public List<String> targets() { return List.of(); }
        @Override public Dist duration() { return Dist.constant(0); }
    }

    /**
     * Measure the requests the universe's new version takes, as {@code analysis} says; a failed or
     * inconclusive analysis aborts the canary through the plan's
     * {@link RecoveryPolicy#analysisFailed recovery}. Takes at most all its measurements.
     */
    record Analysis(Universe universe, CanaryAnalysis analysis) implements Step {
        @Override public StepKind kind() { return StepKind.ANALYSIS; }
        @Override public List<String> targets() { return List.of(); }
        @Override public Dist duration() { return Dist.constant(analysis.durationS()); }
    }
}
