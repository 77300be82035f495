package imago.model.topology;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The system under upgrade: tiers in request order (ingress first) and their dependencies.
 *
 * @param sharedProcessors whether every tier of both universes runs on the processors of the
 *                         machine the database runs on (a one-machine testbed), so a conversion or
 *                         sync takes its capacity share from all of them, not from the database
 *                         alone. This is about processors only; a tier's {@code hosts} say which
 *                         nodes share libraries, ports and runtime
 */
public record Topology(List<Tier> tiers, List<Dependency> dependencies, boolean sharedProcessors) {

    public Topology {
        tiers = List.copyOf(tiers);
        dependencies = List.copyOf(dependencies);
        if (tiers.isEmpty()) {
            throw new IllegalArgumentException("tiers: must not be empty");
        }
    }

    /** Tiers on processors of their own (the default). */
    public Topology(List<Tier> tiers, List<Dependency> dependencies) {
        this(tiers, dependencies, false);
    }

    /** The same system with other tiers (a calibration): dependencies and processors as they were. */
    public Topology withTiers(List<Tier> other) {
        return new Topology(other, dependencies, sharedProcessors);
    }

    public Optional<Tier> tier(String name) {
        return tiers.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    public Tier requireTier(String name) {
        return tier(name).orElseThrow(() -> new IllegalArgumentException("no tier named " + name));
    }

    /** Every node of every tier, in tier order. */
    public List<Node> nodes() {
        List<Node> out = new ArrayList<>();
        for (Tier t : tiers) {
            for (int i = 1; i <= t.replicas(); i++) {
                out.add(new Node(t.nodeName(i), t.name(), t.hosts().get(i - 1)));
            }
        }
        return out;
    }

    public Optional<Node> node(String name) {
        return nodes().stream().filter(n -> n.name().equals(name)).findFirst();
    }

    /** The tier a tier-or-node name belongs to. */
    public Optional<Tier> tierOf(String tierOrNode) {
        Optional<Tier> t = tier(tierOrNode);
        if (t.isPresent()) {
            return t;
        }
        return node(tierOrNode).flatMap(n -> tier(n.tier()));
    }

    /** The database tiers, which hold the persistent data. */
    public List<Tier> databases() {
        return tiers.stream().filter(t -> t.kind() == TierKind.DATABASE).toList();
    }

    public int nodeCount() {
        return tiers.stream().mapToInt(Tier::replicas).sum();
    }
}
