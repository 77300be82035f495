package imago.model.topology;

/** One replica of a tier, running on a host. */
public record Node(String name, String tier, String host) {
}
