package imago.model.strategy;

import imago.model.topology.Dependency;
import imago.model.topology.Tier;
import imago.model.topology.Topology;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The order a dependency-tracking upgrade takes the upgraded tiers in: a tier after every upgraded
 * tier it depends on by a declared dependency (providers before consumers). Hidden dependencies are
 * not declared to the tool, so they do not count. Ties keep the upgrade's own order.
 */
public final class DeclaredOrder {

    private DeclaredOrder() {
    }

    /**
     * @throws IllegalArgumentException when the declared dependencies among the tiers form a cycle
     */
    public static List<String> of(Topology topology, List<String> tiers) {
        Map<String, Set<String>> providers = new LinkedHashMap<>();
        for (String t : tiers) {
            providers.put(t, new LinkedHashSet<>());
        }
        for (Dependency d : topology.dependencies()) {
            if (d.hidden()) {
                continue;
            }
            Optional<String> from = topology.tierOf(d.from()).map(Tier::name);
            Optional<String> to = topology.tierOf(d.to()).map(Tier::name);
            if (from.isPresent() && to.isPresent() && !from.get().equals(to.get())
                    && providers.containsKey(from.get()) && providers.containsKey(to.get())) {
                providers.get(from.get()).add(to.get());
            }
        }
        List<String> order = new ArrayList<>();
        while (order.size() < tiers.size()) {
            String ready = tiers.stream().filter(t -> !order.contains(t) && order.containsAll(providers.get(t)))
                    .findFirst().orElseThrow(() -> new IllegalArgumentException(
                            "the declared dependencies among the upgraded tiers " + remaining(tiers, order)
                                    + " form a cycle, so no tier can go first"));
            order.add(ready);
        }
        return List.copyOf(order);
    }

    private static List<String> remaining(List<String> tiers, List<String> done) {
        return tiers.stream().filter(t -> !done.contains(t)).toList();
    }
}
