package imago.model.strategy;

import imago.model.plan.CanaryAnalysis;

/** One step of a canary, as Argo Rollouts' {@code spec.strategy.canary.steps} writes it. */
public sealed interface CanaryStep permits CanaryStep.SetWeight, CanaryStep.Pause, CanaryStep.Analysis {

    /**
     * {@code setWeight: N}: N percent of new sessions go to the new version, whose nodes in each
     * upgraded tier number {@link #canaryReplicas ceil(N x replicas / 100)}; the stable version keeps
     * all its nodes (Argo with a traffic router).
     */
    record SetWeight(int percent) implements CanaryStep {
        public SetWeight {
            if (percent < 0 || percent > 100) {
                throw new IllegalArgumentException("a weight must be in 0..100 (was " + percent + ")");
            }
        }

        /** New-version nodes of a tier of {@code replicas} at this weight (Argo's {@code trafficWeightToReplicas}). */
        public int canaryReplicas(int replicas) {
            return (int) Math.ceil(percent * (double) replicas / 100);
        }
    }

    /** {@code pause: S}: wait S seconds. Never without a duration: no human is there to resume it. */
    record Pause(double seconds) implements CanaryStep {
        public Pause {
            if (!(seconds > 0) || Double.isInfinite(seconds)) {
                throw new IllegalArgumentException("a pause needs a finite duration > 0 (was " + seconds + ")");
            }
        }
    }

    /** {@code analysis: {...}}: measure the new version; the rollout goes on only if it passes. */
    record Analysis(CanaryAnalysis analysis) implements CanaryStep {
    }
}
