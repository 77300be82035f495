package imago.model.metrics;

/** What became of the faults of one type in one run. */
public record FaultCounts(int injected, int reachedProduction, int caught, int escaped) {

    public static final FaultCounts NONE = new FaultCounts(0, 0, 0, 0);

    public FaultCounts plus(FaultCounts o) {
        return new FaultCounts(injected + o.injected, reachedProduction + o.reachedProduction, caught + o.caught,
                escaped + o.escaped);
    }
}
