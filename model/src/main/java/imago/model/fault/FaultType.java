package imago.model.fault;

import imago.model.topology.DependencyKind;

import java.util.Set;

/**
 * The four types of the upgrade-centric fault model (Dumitraș &amp; Narasimhan, Middleware 2009).
 * Each type breaks dependencies of particular kinds, which is how a fault is applied to a system.
 */
public enum FaultType {
    /** Simple configuration or procedural errors: typos, a wrong location, a missed step. */
    SIMPLE_CONFIG(1, "simple configuration or procedural error", Set.of(DependencyKind.SERVICE_LOCATION)),
    /** Semantic configuration errors: a directive whose meaning was misunderstood. */
    SEMANTIC_CONFIG(2, "semantic configuration error", Set.of(DependencyKind.CONFIG_SEMANTICS)),
    /** Broken environmental dependencies: library, port or runtime conflicts. */
    BROKEN_ENVIRONMENT(3, "broken environmental dependency",
            Set.of(DependencyKind.LIBRARY, DependencyKind.PORT, DependencyKind.RUNTIME)),
    /** Data-access errors: persistent data partly unavailable (schema, permissions, format). */
    DATA_ACCESS(4, "data-access error", Set.of(DependencyKind.SCHEMA, DependencyKind.DATA));

    private final int number;
    private final String description;
    private final Set<DependencyKind> breaks;

    FaultType(int number, String description, Set<DependencyKind> breaks) {
        this.number = number;
        this.description = description;
        this.breaks = breaks;
    }

    /** 1..4, the numbering of the original study. */
    public int number() {
        return number;
    }

    public String description() {
        return description;
    }

    /** The dependency kinds a fault of this type breaks. */
    public Set<DependencyKind> breaks() {
        return breaks;
    }

    /** The type numbered {@code n} (1..4). */
    public static FaultType ofNumber(int n) {
        for (FaultType t : values()) {
            if (t.number == n) {
                return t;
            }
        }
        throw new IllegalArgumentException("fault type must be 1..4 (was " + n + ")");
    }
}
