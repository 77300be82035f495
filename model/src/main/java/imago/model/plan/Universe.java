package imago.model.plan;

/**
 * Which copy of the system a step acts on: the one serving users, or the parallel universe that
 * Imago and blue-green build beside it. Node names are the same in both.
 */
public enum Universe {
    PRODUCTION, PARALLEL;

    public Universe other() {
        return this == PRODUCTION ? PARALLEL : PRODUCTION;
    }

    public String configName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
