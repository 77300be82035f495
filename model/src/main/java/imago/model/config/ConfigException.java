package imago.model.config;

/**
 * A config that cannot be used. Its message is one line: {@code file:line:col: field: what}, e.g.
 * {@code three-tier.yaml:14:5: tiers[1].replicas: must be >= 1 (was 0)}.
 */
public final class ConfigException extends RuntimeException {

    private final Location location;
    private final String field;
    private final String problem;

    public ConfigException(Location location, String field, String problem) {
        super(format(location, field, problem));
        this.location = location;
        this.field = field;
        this.problem = problem;
    }

    public Location location() {
        return location;
    }

    public String field() {
        return field;
    }

    public String problem() {
        return problem;
    }

    private static String format(Location location, String field, String problem) {
        String oneLine = problem == null ? "invalid" : problem.replace('\n', ' ').strip();
        return location + ": " + (field == null || field.isEmpty() ? "" : field + ": ") + oneLine;
    }
}
