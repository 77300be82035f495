package imago.model.strategy;

/**
 * How many nodes a rolling upgrade of one tier may add and take away at a time, resolved exactly as
 * Kubernetes' {@code ResolveFenceposts} (pkg/controller/deployment/util/deployment_util.go): surge
 * rounds up, unavailable rounds down, and when both come to 0 unavailable becomes 1, so the rollout
 * can always progress. {@link #maxUnavailable} and {@link #minAvailable} are Kubernetes'
 * {@code MaxUnavailable} and {@code MinAvailable} of a rolling Deployment.
 *
 * @param surge       nodes of the new version that may run beyond the tier's replicas
 * @param unavailable nodes that may be out of service at once
 */
public record Fenceposts(int surge, int unavailable) {

    /** Kubernetes' defaults for both knobs. */
    public static final IntOrPercent DEFAULT = new IntOrPercent.Percent(25);

    public static Fenceposts resolve(IntOrPercent maxSurge, IntOrPercent maxUnavailable, int desired) {
        int surge = maxSurge.scaled(desired, true);
        int unavailable = maxUnavailable.scaled(desired, false);
        if (surge == 0 && unavailable == 0) {
            // Kubernetes' own rule: the API forbids an explicit 0/0, and rounding that reaches it
            // (e.g. 10% of 5 nodes) still lets one node go at a time.
            unavailable = 1;
        }
        return new Fenceposts(surge, unavailable);
    }

    /** At most the tier's replicas may be unavailable (Kubernetes' {@code MaxUnavailable}). */
    public static int maxUnavailable(IntOrPercent maxSurge, IntOrPercent maxUnavailable, int replicas) {
        return Math.min(resolve(maxSurge, maxUnavailable, replicas).unavailable(), replicas);
    }

    /** Nodes that must stay available throughout (Kubernetes' {@code MinAvailable}). */
    public static int minAvailable(IntOrPercent maxSurge, IntOrPercent maxUnavailable, int replicas) {
        return replicas - maxUnavailable(maxSurge, maxUnavailable, replicas);
    }

    /**
     * Why Kubernetes' API would refuse this pair (its ValidateRollingUpdateDeployment), or empty:
     * both explicitly 0, or maxUnavailable over 100%.
     */
    public static java.util.Optional<String> invalid(IntOrPercent maxSurge, IntOrPercent maxUnavailable) {
        if (maxSurge.value() == 0 && maxUnavailable.value() == 0) {
            return java.util.Optional.of("maxUnavailable may not be 0 when maxSurge is 0 (no node could ever be replaced)");
        }
        if (maxUnavailable instanceof IntOrPercent.Percent p && p.value() > 100) {
            return java.util.Optional.of("maxUnavailable must not be greater than 100% (was " + p + ")");
        }
        return java.util.Optional.empty();
    }
}
