package imago.model.metrics;

import imago.model.fault.FaultType;

import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;

/** What became of the faults of one type in one run. */
public record FaultCounts(int injected, int reachedProduction, int caught, int escaped) {

    public static final FaultCounts NONE = new FaultCounts(0, 0, 0, 0);

    public FaultCounts plus(FaultCounts o) {
        return new FaultCounts(injected + o.injected, reachedProduction + o.reachedProduction, caught + o.caught,
                escaped + o.escaped);
    }

    /** The counts of all types together. */
    public static FaultCounts total(Map<FaultType, FaultCounts> byType) {
        return byType.values().stream().reduce(NONE, FaultCounts::plus);
    }

    /** One injected fault as a run saw it end. */
    public record Fate(FaultType type, boolean reachedProduction, boolean caught, boolean escaped) {
    }

    /**
     * The faults counted by type: each is injected; it is caught only if caught before it reached
     * production (a fault repaired after users met it was not caught by a test).
     */
    public static Map<FaultType, FaultCounts> byType(Collection<Fate> faults) {
        Map<FaultType, FaultCounts> out = new EnumMap<>(FaultType.class);
        for (Fate f : faults) {
            FaultCounts one = new FaultCounts(1, f.reachedProduction() ? 1 : 0,
                    f.caught() && !f.reachedProduction() ? 1 : 0, f.escaped() ? 1 : 0);
            out.merge(f.type(), one, FaultCounts::plus);
        }
        return out;
    }
}
