package imago.model.topology;

import imago.model.dist.Dist;

import java.util.List;

/**
 * A tier of identical nodes.
 *
 * @param name        unique name, e.g. {@code app}
 * @param kind        ingress, service or database
 * @param replicas    number of nodes, at least 1
 * @param servers     concurrent servers per node (a FIFO queue with c servers)
 * @param serviceTime service time of one request on one server, in seconds
 * @param hosts       the host of each node, one per replica (nodes on one host share its libraries,
 *                    ports and runtime)
 */
public record Tier(String name, TierKind kind, int replicas, int servers, Dist serviceTime, List<String> hosts) {

    public Tier {
        if (replicas < 1) {
            throw new IllegalArgumentException("replicas: must be >= 1 (was " + replicas + ")");
        }
        if (servers < 1) {
            throw new IllegalArgumentException("servers: must be >= 1 (was " + servers + ")");
        }
        hosts = List.copyOf(hosts);
        if (hosts.size() != replicas) {
            throw new IllegalArgumentException("hosts: must name one host per replica (" + replicas + ", was " + hosts.size() + ")");
        }
    }

    /** The name of this tier's {@code i}-th node, 1-based: {@code app-3}. */
    public String nodeName(int i) {
        return name + "-" + i;
    }

    public List<String> nodeNames() {
        return java.util.stream.IntStream.rangeClosed(1, replicas).mapToObj(this::nodeName).toList();
    }
}
