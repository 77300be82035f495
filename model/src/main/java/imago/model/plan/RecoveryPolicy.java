package imago.model.plan;

import imago.model.dist.Dist;

import java.util.List;

/**
 * How a plan recovers from a detected fault: what its strategy asks for (whether a rollout aborts
 * on a fault, the hold of a switch back) and the nodes each recovery concerns, so the backends
 * decide with {@link #decide} and never look at the strategy.
 *
 * @param abortOnFault   a fault in production rolls the rollout back (else it is repaired in place)
 * @param switchBackHold the hold of a switch back to production (the plan's own switch's)
 * @param rollbackTime   the time of one rollback step
 * @param oldNodes       production's nodes of the upgraded tiers: while all exist, a switch can be reversed
 * @param rollbackNodes  production nodes a rollback may concern, in the order it puts them back
 * @param dataNodes      the nodes of the database whose schema changes (empty without a schema change)
 * @param parallelNodes  the nodes of the parallel universe the plan builds
 * @param retireTime     the time of retiring nodes
 * @param canaryNodes    the new-version nodes a canary adds beside production's (empty for other strategies):
 *                       a canary's faults abort it rather than roll nodes back
 * @param drainTime      the time of draining nodes
 * @param progressDeadline a rollout's progress deadline: reported when passed, rolled back with its abort
 * @param dataRollback   how long converting the data back takes (a rollback of the database nodes)
 */
public record RecoveryPolicy(boolean abortOnFault, Dist switchBackHold, Dist rollbackTime, List<String> oldNodes,
                             List<String> rollbackNodes, List<String> dataNodes, List<String> parallelNodes,
                             Dist retireTime, List<String> canaryNodes, Dist drainTime,
                             java.util.Optional<ProgressDeadline> progressDeadline, DataRollback dataRollback) {

    /** A policy without canary nodes or progress deadline. */
    public RecoveryPolicy(boolean abortOnFault, Dist switchBackHold, Dist rollbackTime, List<String> oldNodes,
                          List<String> rollbackNodes, List<String> dataNodes, List<String> parallelNodes,
                          Dist retireTime) {
        this(abortOnFault, switchBackHold, rollbackTime, oldNodes, rollbackNodes, dataNodes, parallelNodes, retireTime,
                List.of(), Dist.constant(0), java.util.Optional.empty(), DataRollback.fixed(rollbackTime));
    }

    /** A canary's policy: no progress deadline. */
    public RecoveryPolicy(boolean abortOnFault, Dist switchBackHold, Dist rollbackTime, List<String> oldNodes,
                          List<String> rollbackNodes, List<String> dataNodes, List<String> parallelNodes,
                          Dist retireTime, List<String> canaryNodes, Dist drainTime) {
        this(abortOnFault, switchBackHold, rollbackTime, oldNodes, rollbackNodes, dataNodes, parallelNodes, retireTime,
                canaryNodes, drainTime, java.util.Optional.empty(), DataRollback.fixed(rollbackTime));
    }

    /** A rolling policy: no canary nodes. */
    public RecoveryPolicy(boolean abortOnFault, Dist switchBackHold, Dist rollbackTime, List<String> oldNodes,
                          List<String> rollbackNodes, List<String> dataNodes, List<String> parallelNodes,
                          Dist retireTime, java.util.Optional<ProgressDeadline> progressDeadline) {
        this(abortOnFault, switchBackHold, rollbackTime, oldNodes, rollbackNodes, dataNodes, parallelNodes, retireTime,
                List.of(), Dist.constant(0), progressDeadline, DataRollback.fixed(rollbackTime));
    }

    public RecoveryPolicy {
        oldNodes = List.copyOf(oldNodes);
        rollbackNodes = List.copyOf(rollbackNodes);
        dataNodes = List.copyOf(dataNodes);
        parallelNodes = List.copyOf(parallelNodes);
        canaryNodes = List.copyOf(canaryNodes);
    }

    /** A policy that repairs every fault in place. */
    public static RecoveryPolicy repairInPlace() {
        return new RecoveryPolicy(false, Dist.constant(0), Dist.constant(0), List.of(), List.of(), List.of(), List.of(),
                Dist.constant(0));
    }

    /** A detected fault: the universe of its node, and whether it escaped a runtime test into production. */
    public record DetectedFault(Universe universe, boolean escaped) {
    }

    /** The recovery for {@code fault}, given the state the run is in when it is detected. */
    public Recovery decide(DetectedFault fault, StateView state) {
        if (fault.escaped() && fault.universe() != Universe.PRODUCTION && state.servingUniverse() == fault.universe()) {
            boolean oldUniverseThere = oldNodes.stream().allMatch(n -> state.node(Universe.PRODUCTION, n).exists());
            return oldUniverseThere ? new Recovery.SwitchBack(switchBackHold) : new Recovery.RepairInPlace();
        }
        if (abortOnFault && fault.universe() == Universe.PRODUCTION) {
            return canaryNodes.isEmpty() ? rollBack(state) : abortCanary(state);
        }
        return new Recovery.RepairInPlace();
    }

    /**
     * Rolling production back from {@code state}: its data if converting had begun (only the
     * tables its conversion did convert), then its nodes.
     */
    public Recovery.RollBack rollBack(StateView state) {
        List<String> data = state.data(Universe.PRODUCTION).conversionStarted()
                ? dataNodes.stream().filter(n -> state.node(Universe.PRODUCTION, n).exists()).toList()
                : List.of();
        // Upgraded nodes, and old ones taken out of service on the way.
        List<String> nodes = rollbackNodes.stream().filter(n -> {
            StateView.NodeState s = state.node(Universe.PRODUCTION, n);
            return s.exists() && (s.newVersion() || !s.serving());
        }).toList();
        return new Recovery.RollBack(data, nodes, rollbackTime, dataRollback.time(state.leftOut(Universe.PRODUCTION)));
    }

    /** A step in the parallel universe failed and its faults could not be repaired. */
    public Recovery.AbandonParallel abandonParallel() {
        return new Recovery.AbandonParallel(parallelNodes, retireTime);
    }

    /**
     * A canary's analysis failed (or was inconclusive, with nobody to decide): abort the canary.
     *
     * @throws IllegalStateException when the plan is not a canary's
     */
    public Recovery analysisFailed(StateView state) {
        if (canaryNodes.isEmpty()) {
            throw new IllegalStateException("an analysis failed in a plan without canary nodes");
        }
        return abortCanary(state);
    }

    /**
     * Weight back to 0 and the canary nodes that exist in {@code state} retired; once the old
     * nodes are being retired (the canary promoted) there is nothing to go back to.
     */
    private Recovery abortCanary(StateView state) {
        if (!oldNodes.stream().allMatch(n -> state.node(Universe.PRODUCTION, n).serving())) {
            return new Recovery.RepairInPlace();
        }
        List<String> nodes = canaryNodes.stream().filter(n -> state.node(Universe.PRODUCTION, n).exists()).toList();
        return new Recovery.AbortCanary(nodes, drainTime, retireTime);
    }
}
