package imago.model.strategy;

/**
 * How to get from the old version to the new one. A strategy is compiled into a
 * {@link imago.model.plan.Plan}; the simulator and the executor run plans and never see strategies.
 */
public sealed interface Strategy permits Strategy.InPlace, Strategy.Rolling, Strategy.BlueGreen, Strategy.Imago,
        Strategy.Canary {

    /** The config spelling: {@code in-place}, {@code rolling}, {@code blue-green}, {@code imago}, {@code canary}. */
    String kind();

    /** Stop everything, upgrade, convert the data, restart: one planned outage. */
    record InPlace() implements Strategy {
        @Override public String kind() { return "in-place"; }
    }

    /**
     * Replace nodes batch by batch, as a Kubernetes Deployment does.
     *
     * @param maxUnavailable  nodes of a tier that may be out of service at once
     * @param maxSurge        extra new nodes that may be created above the replica count
     * @param readinessDelayS time after a start before a node takes traffic
     * @param pauseS          pause between batches
     * @param abortOnFault    roll back instead of going on when a fault is detected
     */
    record Rolling(int maxUnavailable, int maxSurge, double readinessDelayS, double pauseS, boolean abortOnFault)
            implements Strategy {
        public Rolling {
            if (maxUnavailable < 0 || maxSurge < 0 || maxUnavailable + maxSurge < 1) {
                throw new IllegalArgumentException("maxUnavailable + maxSurge: must be >= 1");
            }
        }

        @Override public String kind() { return "rolling"; }
    }

    /**
     * A second environment with the new version and a switch; the data is converted offline, so
     * production is read-only while it converts. The old environment is kept {@code keepOldS}
     * seconds after the switch.
     */
    record BlueGreen(double switchHoldS, double keepOldS) implements Strategy {
        /** Keeps the old environment {@link #DEFAULT_KEEP_OLD_S} seconds after the switch. */
        public BlueGreen(double switchHoldS) {
            this(switchHoldS, DEFAULT_KEEP_OLD_S);
        }

        @Override public String kind() { return "blue-green"; }
    }

    /**
     * How long the old universe is kept after a switch by default: long enough to switch back
     * when a fault that escaped into production is detected (most are, within minutes).
     */
    double DEFAULT_KEEP_OLD_S = 300;

    /**
     * The parallel universe: install the new version beside production, convert the data while
     * production runs, sync new writes, test under shadow traffic, switch over atomically.
     *
     * @param testCoverage  probability that the runtime test catches a fault in the new universe
     * @param testDurationS how long the runtime test runs
     * @param drainSessions whether the switch waits for open sessions' callbacks, which removes races
     * @param switchHoldS   how long new requests are held while the switch flips
     * @param keepOldS      how long the old universe stays after the switch, to switch back to
     */
    record Imago(double testCoverage, double testDurationS, boolean drainSessions, double switchHoldS, double keepOldS)
            implements Strategy {
        /** Keeps the old universe {@link Strategy#DEFAULT_KEEP_OLD_S} seconds after the switch. */
        public Imago(double testCoverage, double testDurationS, boolean drainSessions, double switchHoldS) {
            this(testCoverage, testDurationS, drainSessions, switchHoldS, DEFAULT_KEEP_OLD_S);
        }

        @Override public String kind() { return "imago"; }
    }

    /**
     * A canary as Argo Rollouts runs one with a traffic router: new-version nodes beside the full
     * stable set, a share of sessions routed to them by weight, pauses and analyses between the
     * weights; a failed analysis aborts (weight back to 0, canary nodes retired).
     *
     * @param steps           the steps in order; weights increase and the last weight is 100
     * @param readinessDelayS time after a start before a node takes traffic
     * @param abortOnFault    a fault detected in production aborts too (else only an analysis aborts)
     */
    record Canary(java.util.List<CanaryStep> steps, double readinessDelayS, boolean abortOnFault) implements Strategy {
        public Canary {
            steps = java.util.List.copyOf(steps);
            int last = -1;
            for (CanaryStep s : steps) {
                if (s instanceof CanaryStep.SetWeight w) {
                    if (w.percent() <= last) {
                        throw new IllegalArgumentException("weights must increase (" + w.percent() + " after " + last + ")");
                    }
                    last = w.percent();
                }
            }
            if (last != 100) {
                throw new IllegalArgumentException("the last setWeight must be 100 (was " + (last < 0 ? "none" : last) + ")");
            }
        }

        @Override public String kind() { return "canary"; }
    }
}
