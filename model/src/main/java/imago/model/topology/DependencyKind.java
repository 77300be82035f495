package imago.model.topology;

/**
 * What a dependency rests on. The four fault types break different kinds, so a dependency's kind
 * decides which faults can reach it (DESIGN §2).
 */
public enum DependencyKind {
    SERVICE_LOCATION("service-location"),
    CONFIG_SEMANTICS("config-semantics"),
    LIBRARY("library"),
    PORT("port"),
    RUNTIME("runtime"),
    SCHEMA("schema"),
    DATA("data");

    private final String configName;

    DependencyKind(String configName) {
        this.configName = configName;
    }

    /** The spelling used in configs, e.g. {@code service-location}. */
    public String configName() {
        return configName;
    }

    /** True for kinds that live in the environment a host shares between its components. */
    public boolean hostShared() {
        return this == LIBRARY || this == PORT || this == RUNTIME;
    }
}
