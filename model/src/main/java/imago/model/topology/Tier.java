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
 * @param warmup      how a node started during the run serves at first, stage by stage, in
 *                    increasing {@code untilS}; after the last stage, and for the nodes that run
 *                    from the start, at the service time as given. Empty: no warm-up
 */
public record Tier(String name, TierKind kind, int replicas, int servers, Dist serviceTime, List<String> hosts,
                   List<WarmupStage> warmup) {

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
        warmup = List.copyOf(warmup);
        for (int i = 1; i < warmup.size(); i++) {
            if (!(warmup.get(i).untilS() > warmup.get(i - 1).untilS())) {
                throw new IllegalArgumentException("warmup[" + i + "].until: must be greater than the stage before's ("
                        + warmup.get(i - 1).untilS() + ", was " + warmup.get(i).untilS() + ")");
            }
        }
    }

    /** A tier whose nodes serve alike from their start. */
    public Tier(String name, TierKind kind, int replicas, int servers, Dist serviceTime, List<String> hosts) {
        this(name, kind, replicas, servers, serviceTime, hosts, List.of());
    }

    /** The same tier with another service time. */
    public Tier withServiceTime(Dist d) {
        return new Tier(name, kind, replicas, servers, d, hosts, warmup);
    }

    /** The same tier whose started nodes warm up in {@code stages}. */
    public Tier withWarmup(List<WarmupStage> stages) {
        return new Tier(name, kind, replicas, servers, serviceTime, hosts, stages);
    }

    /** The name of this tier's {@code i}-th node, 1-based: {@code app-3}. */
    public String nodeName(int i) {
        return name + "-" + i;
    }

    public List<String> nodeNames() {
        return java.util.stream.IntStream.rangeClosed(1, replicas).mapToObj(this::nodeName).toList();
    }
}
