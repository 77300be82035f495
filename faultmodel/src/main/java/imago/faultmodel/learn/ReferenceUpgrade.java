package imago.faultmodel.learn;

import imago.model.plan.StepKind;

import java.util.EnumMap;
import java.util.Map;

/**
 * The upgrade the learned per-step probabilities are calibrated on: how many target executions
 * of each step kind it runs. The default is the small three-tier system of
 * {@code experiments/configs/three-tier.yaml} upgraded in place: web (2 nodes) and app (4 nodes)
 * are each drained, stopped, installed, configured and started, and the one database node's
 * data is converted once.
 */
public record ReferenceUpgrade(String name, Map<StepKind, Integer> executions) {

    public ReferenceUpgrade {
        executions = Map.copyOf(executions);
        for (var e : executions.entrySet()) {
            if (e.getValue() < 1) {
                throw new IllegalArgumentException("executions." + e.getKey().configName() + ": must be >= 1");
            }
        }
    }

    public static ReferenceUpgrade threeTierInPlace() {
        Map<StepKind, Integer> m = new EnumMap<>(StepKind.class);
        for (StepKind k : new StepKind[] {StepKind.DRAIN, StepKind.STOP, StepKind.INSTALL, StepKind.CONFIGURE,
                StepKind.START}) {
            m.put(k, 6);
        }
        m.put(StepKind.CONVERT_DATA, 1);
        return new ReferenceUpgrade("three-tier in-place (6 nodes, 1 database)", m);
    }

    /** Whether the reference upgrade runs steps of this kind at all. */
    public boolean runs(StepKind k) {
        return executions.containsKey(k);
    }

    /** Target executions of {@code k}; a kind it does not run counts as one execution per step. */
    public int executionsOf(StepKind k) {
        return executions.getOrDefault(k, 1);
    }
}
