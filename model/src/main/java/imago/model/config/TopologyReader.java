package imago.model.config;

import imago.model.dist.Dist;
import imago.model.topology.Dependency;
import imago.model.topology.DependencyKind;
import imago.model.topology.Tier;
import imago.model.topology.TierKind;
import imago.model.topology.Topology;
import imago.model.topology.WarmupStage;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads {@code system:}: tiers, their nodes and the dependencies between them, which must not form
 * a cycle, and {@code sharedProcessors} (default false): whether all tiers run on the database's
 * machine, as on a one-machine testbed.
 */
final class TopologyReader {

    private TopologyReader() {
    }

    static Topology topology(ConfigObject sys) {
        List<Tier> tiers = sys.list("tiers", TopologyReader::tier);
        if (tiers.isEmpty()) {
            throw sys.has("tiers") ? sys.error("tiers", "must not be empty")
                    : new ConfigException(sys.location(), sys.path("tiers"), "required field is missing");
        }
        Set<String> names = new HashSet<>();
        Set<String> nodeNames = new HashSet<>();
        int ingress = 0;
        for (int i = 0; i < tiers.size(); i++) {
            Tier t = tiers.get(i);
            if (!names.add(t.name())) {
                throw ConfigObject.located(sys.item("tiers", i), sys.path("tiers") + "[" + i + "].name", "duplicate tier name '" + t.name() + "'");
            }
            nodeNames.addAll(t.nodeNames());
            if (t.kind() == TierKind.INGRESS) {
                ingress++;
            }
        }
        // Node names are tier-N and tier names hold no dash, so a dependency's target is never ambiguous.
        if (ingress != 1) {
            throw sys.error("tiers", "must have exactly one tier of kind ingress (has " + ingress + ")");
        }
        List<Dependency> deps = sys.list("dependencies", (n, p) -> dependency(n, p, names, nodeNames));
        boolean sharedProcessors = sys.bool("sharedProcessors", false);
        Topology topology = new Topology(tiers, deps, sharedProcessors);
        checkAcyclic(sys, topology);
        sys.done();
        return topology;
    }

    private static Tier tier(YamlNode n, String p) {
        ConfigObject t = ConfigObject.of(n, p);
        String name = t.string("name");
        if (!name.matches("[A-Za-z][A-Za-z0-9_.]*")) {
            throw t.error("name", "must start with a letter and hold only letters, digits, '_' and '.' (was '" + name + "')");
        }
        TierKind kind = t.enumValue("kind", TierKind.class, TierKind.SERVICE);
        int replicas = t.smallInteger("replicas", 1, 1);
        int servers = t.smallInteger("servers", 16, 1);
        Dist service = t.dist("serviceTime", Dist.exponential(0.005));
        List<String> hosts = t.strings("hosts");
        if (hosts.isEmpty()) {
            hosts = new ArrayList<>();
            for (int i = 1; i <= replicas; i++) {
                hosts.add("host-" + name + "-" + i);
            }
        } else if (hosts.size() != replicas) {
            throw t.error("hosts", "must name one host per replica (" + replicas + ", was " + hosts.size() + ")");
        }
        List<WarmupStage> warmup = t.list("warmup", (wn, wp) -> {
            ConfigObject w = ConfigObject.of(wn, wp);
            var stage = new WarmupStage(w.requiredNumber("until", 0, true), w.requiredNumber("factor", 0, true));
            w.done();
            return stage;
        });
        for (int i = 1; i < warmup.size(); i++) {
            if (!(warmup.get(i).untilS() > warmup.get(i - 1).untilS())) {
                throw ConfigObject.located(t.item("warmup", i), t.path("warmup") + "[" + i + "].until",
                        "must be greater than the stage before's (" + ConfigObject.fmt(warmup.get(i - 1).untilS())
                                + ", was " + ConfigObject.fmt(warmup.get(i).untilS()) + ")");
            }
        }
        t.done();
        return new Tier(name, kind, replicas, servers, service, hosts, warmup);
    }

    private static Dependency dependency(YamlNode n, String p, Set<String> tiers, Set<String> nodes) {
        ConfigObject d = ConfigObject.of(n, p);
        String from = d.string("from");
        String to = d.string("to");
        for (String f : List.of("from", "to")) {
            String v = f.equals("from") ? from : to;
            if (!tiers.contains(v) && !nodes.contains(v)) {
                throw d.error(f, "no tier or node named '" + v + "'");
            }
        }
        DependencyKind kind = d.choice("kind", DependencyKind.values(), DependencyKind::configName, null);
        boolean hidden = d.bool("hidden", false);
        d.done();
        return new Dependency(from, to, kind, hidden);
    }

    /** Dependencies between tiers must form a DAG: a cycle would make start order undefined. */
    private static void checkAcyclic(ConfigObject sys, Topology topology) {
        Map<String, List<Integer>> edges = new HashMap<>();
        List<Dependency> deps = topology.dependencies();
        for (int i = 0; i < deps.size(); i++) {
            String from = topology.tierOf(deps.get(i).from()).orElseThrow().name();
            edges.computeIfAbsent(from, k -> new ArrayList<>()).add(i);
        }
        Map<String, Integer> state = new HashMap<>(); // 1 = on stack, 2 = done
        for (Tier t : topology.tiers()) {
            List<String> stack = new ArrayList<>();
            Optional<Integer> cycleAt = visit(t.name(), topology, edges, state, stack);
            if (cycleAt.isPresent()) {
                int i = cycleAt.get();
                stack.add(topology.tierOf(deps.get(i).to()).orElseThrow().name());
                throw ConfigObject.located(sys.item("dependencies", i), sys.path("dependencies") + "[" + i + "]",
                        "dependency cycle: " + String.join(" -> ", stack));
            }
        }
    }

    private static Optional<Integer> visit(String tier, Topology topology, Map<String, List<Integer>> edges,
                                           Map<String, Integer> state, List<String> stack) {
        Integer s = state.get(tier);
        if (s != null && s == 2) {
            return Optional.empty();
        }
        state.put(tier, 1);
        stack.add(tier);
        for (int i : edges.getOrDefault(tier, List.of())) {
            String to = topology.tierOf(topology.dependencies().get(i).to()).orElseThrow().name();
            Integer ts = state.get(to);
            if (ts != null && ts == 1) {
                int from = stack.indexOf(to);
                stack.subList(0, from).clear();
                return Optional.of(i);
            }
            Optional<Integer> deeper = visit(to, topology, edges, state, stack);
            if (deeper.isPresent()) {
                return deeper;
            }
        }
        stack.removeLast();
        state.put(tier, 2);
        return Optional.empty();
    }
}
