package imago.model.topology;

/**
 * One stage of a freshly started node's warm-up: until {@code untilS} seconds after it first
 * takes traffic, its service times are {@code factor} times the tier's (a JVM's code still
 * interpreted, its caches and pools cold).
 */
public record WarmupStage(double untilS, double factor) {
    public WarmupStage {
        if (!(untilS > 0) || Double.isInfinite(untilS)) {
            throw new IllegalArgumentException("until: must be a positive number of seconds (was " + untilS + ")");
        }
        if (!(factor > 0) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException("factor: must be a positive number (was " + factor + ")");
        }
    }
}
