package imago.model.topology;

/** The role of a tier: ingress routes, services compute, databases hold the persistent data. */
public enum TierKind {
    INGRESS, SERVICE, DATABASE;

    public String configName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
