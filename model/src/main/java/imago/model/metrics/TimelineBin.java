package imago.model.metrics;

/**
 * One second of the observation window: requests offered, succeeded and failed in it, and the
 * share of serving nodes that ran the new version at the bin's end.
 */
public record TimelineBin(int second, int offered, int succeeded, int failed, double newVersionShare) {

    /** The success ratio of this bin; 1 when nothing was offered. */
    public double successRatio() {
        return offered == 0 ? 1.0 : (double) succeeded / offered;
    }
}
