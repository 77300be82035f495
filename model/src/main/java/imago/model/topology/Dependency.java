package imago.model.topology;

/**
 * {@code from} needs {@code to} (a tier or node name). A hidden dependency is not declared to the
 * upgrade tool and is only discovered when broken.
 */
public record Dependency(String from, String to, DependencyKind kind, boolean hidden) {
}
