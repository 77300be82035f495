package imago.model.strategy;

/**
 * How to get from the old version to the new one. A strategy is compiled into a
 * {@link imago.model.plan.Plan}; the simulator and the executor run plans and never see strategies.
 */
public sealed interface Strategy permits Strategy.InPlace, Strategy.Rolling, Strategy.DependencyOrdered, Strategy.BlueGreen,
        Strategy.Imago, Strategy.Canary {

    /**
     * The config spelling: {@code in-place}, {@code rolling}, {@code dependency-ordered}, {@code blue-green},
     * {@code imago}, {@code canary}.
     */
    String kind();

    /**
     * Stop everything, upgrade, convert the data, restart: one planned outage.
     *
     * @param abortOnFault roll back to the old version when a fault is detected in production (else it is repaired in place)
     */
    record InPlace(boolean abortOnFault) implements Strategy {
        /** Repairs a detected fault in place. */
        public InPlace() {
            this(false);
        }

        @Override public String kind() { return "in-place"; }
    }

    /**
     * Replace nodes batch by batch, as a Kubernetes Deployment does: each upgraded tier's knobs are
     * resolved against its replicas by {@link Fenceposts#resolve} (Kubernetes' ResolveFenceposts).
     *
     * @param maxSurge              new nodes a tier may run above its replicas (Kubernetes' maxSurge)
     * @param maxUnavailable        nodes of a tier that may be out of service at once (maxUnavailable)
     * @param readinessDelayS       time after a start before a node takes traffic
     * @param pauseS                pause between batches
     * @param abortOnFault          roll back instead of going on when a fault is detected
     * @param progressDeadlineS     a rollout with no new node ready for this long has not progressed
     *                              (Kubernetes' progressDeadlineSeconds); infinite for none
     * @param progressDeadlineAbort roll back when the deadline passes (Argo Rollouts' progressDeadlineAbort),
     *                              else only report it
     * @param expandContract        run the schema change as expand (before the batches, old-compatible)
     *                              and contract (after the last batch)
     */
    record Rolling(TierKnob maxSurge, TierKnob maxUnavailable, double readinessDelayS, double pauseS,
                   boolean abortOnFault, double progressDeadlineS, boolean progressDeadlineAbort, boolean expandContract)
            implements Strategy {

        /** Kubernetes' default progressDeadlineSeconds. */
        public static final double DEFAULT_PROGRESS_DEADLINE_S = 600;

        public Rolling {
            if (!(progressDeadlineS > 0)) {
                throw new IllegalArgumentException("progressDeadline: must be > 0 (was " + progressDeadlineS + ")");
            }
        }

        /** Without expand/contract. */
        public Rolling(TierKnob maxSurge, TierKnob maxUnavailable, double readinessDelayS, double pauseS,
                       boolean abortOnFault, double progressDeadlineS, boolean progressDeadlineAbort) {
            this(maxSurge, maxUnavailable, readinessDelayS, pauseS, abortOnFault, progressDeadlineS, progressDeadlineAbort, false);
        }

        /** Counts for every tier, Kubernetes' default deadline, reported only. */
        public Rolling(int maxUnavailable, int maxSurge, double readinessDelayS, double pauseS, boolean abortOnFault) {
            this(maxUnavailable, maxSurge, readinessDelayS, pauseS, abortOnFault, false);
        }

        /** Counts for every tier, Kubernetes' default deadline, reported only; expand/contract or not. */
        public Rolling(int maxUnavailable, int maxSurge, double readinessDelayS, double pauseS, boolean abortOnFault,
                       boolean expandContract) {
            this(TierKnob.all(IntOrPercent.count(maxSurge)), TierKnob.all(IntOrPercent.count(maxUnavailable)),
                    readinessDelayS, pauseS, abortOnFault, DEFAULT_PROGRESS_DEADLINE_S, false, expandContract);
        }

        /** The tier's knobs resolved against its replicas. */
        public Fenceposts fenceposts(String tier, int replicas) {
            return Fenceposts.resolve(maxSurge.of(tier), maxUnavailable.of(tier), replicas);
        }

        public Rolling withMaxSurge(TierKnob k) {
            return new Rolling(k, maxUnavailable, readinessDelayS, pauseS, abortOnFault, progressDeadlineS, progressDeadlineAbort, expandContract);
        }

        public Rolling withMaxUnavailable(TierKnob k) {
            return new Rolling(maxSurge, k, readinessDelayS, pauseS, abortOnFault, progressDeadlineS, progressDeadlineAbort, expandContract);
        }

        public Rolling withReadinessDelay(double s) {
            return new Rolling(maxSurge, maxUnavailable, s, pauseS, abortOnFault, progressDeadlineS, progressDeadlineAbort, expandContract);
        }

        public Rolling withAbortOnFault(boolean abort) {
            return new Rolling(maxSurge, maxUnavailable, readinessDelayS, pauseS, abort, progressDeadlineS, progressDeadlineAbort, expandContract);
        }

        @Override public String kind() { return "rolling"; }
    }

    /**
     * The dependency-tracking baseline of Middleware 2009: a rolling upgrade, with {@code rolling}'s
     * knobs, that upgrades a tier only after every upgraded tier it depends on by a <em>declared</em>
     * dependency (providers before consumers). Hidden dependencies it cannot see, so it cannot order by them.
     */
    record DependencyOrdered(Rolling rolling) implements Strategy {
        @Override public String kind() { return "dependency-ordered"; }
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

    /** Whether {@code s} runs its schema change as expand/contract. */
    static boolean expandContract(Strategy s) {
        return switch (s) {
            case Rolling r -> r.expandContract();
            case DependencyOrdered d -> d.rolling().expandContract();
            case Canary c -> c.expandContract();
            case InPlace i -> false;
            case BlueGreen b -> false;
            case Imago i -> false;
        };
    }

    /**
     * The parallel universe: install the new version beside production, convert the data while
     * production runs, sync new writes, test under shadow traffic, switch over atomically.
     *
     * @param testCoverage  share of production's reads that the runtime test replays against the new
     *                      universe while it runs; not a catch probability: a fault is caught when a
     *                      replayed read exercises it, so what is caught follows from this share, the
     *                      test's length, the request rate and the mix (README, "The simulator")
     * @param testDurationS how long the runtime test runs (and so how many reads it replays)
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
     * @param expandContract  run the schema change as expand (before the first weight) and contract
     *                        (after promotion), as {@link Rolling} does
     */
    record Canary(java.util.List<CanaryStep> steps, double readinessDelayS, boolean abortOnFault, boolean expandContract)
            implements Strategy {
        public Canary(java.util.List<CanaryStep> steps, double readinessDelayS, boolean abortOnFault) {
            this(steps, readinessDelayS, abortOnFault, false);
        }

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
