package imago.model.config;

import imago.model.dist.Dist;
import imago.model.experiment.Arm;
import imago.model.experiment.ExecutorSettings;
import imago.model.experiment.Experiment;
import imago.model.experiment.Precision;
import imago.model.experiment.Sweep;
import imago.model.experiment.SweepParameter;
import imago.model.experiment.FaultSpec;
import imago.model.experiment.Scenario;
import imago.model.fault.FaultInjection;
import imago.model.fault.FaultModel;
import imago.model.fault.FaultType;
import imago.model.plan.Plan;
import imago.model.plan.PlanCompiler;
import imago.model.plan.StepKind;
import imago.model.plan.Universe;
import imago.model.strategy.Strategy;
import imago.model.topology.Dependency;
import imago.model.topology.DependencyKind;
import imago.model.topology.Tier;
import imago.model.topology.TierKind;
import imago.model.topology.Topology;
import imago.model.upgrade.ConfigDirective;
import imago.model.upgrade.InterfaceChange;
import imago.model.upgrade.LibraryChange;
import imago.model.upgrade.SchemaChange;
import imago.model.upgrade.Upgrade;
import imago.model.workload.Arrivals;
import imago.model.workload.AsyncInteractions;
import imago.model.workload.RequestType;
import imago.model.workload.Sessions;
import imago.model.workload.Workload;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads one experiment YAML file into an {@link Experiment}, validating everything once. Any
 * problem is a {@link ConfigException} with the file, line, column and field.
 */
public final class ExperimentLoader {

    private ExperimentLoader() {
    }

    public static Experiment load(Path file) {
        return read(YamlTree.read(file), file.toString());
    }

    public static Experiment parse(String name, String yaml) {
        return read(YamlTree.parse(name, yaml), name);
    }

    private static Experiment read(YamlNode root, String source) {
        ConfigObject o = ConfigObject.of(root, "");
        String name = o.string("name", fileStem(source));
        long seed = o.integer("seed", 1, Long.MIN_VALUE);
        int replications = o.smallInteger("replications", 10, 1);
        double pre = 60, post = 60;
        Optional<ConfigObject> window = o.optionalObject("window");
        if (window.isPresent()) {
            pre = window.get().number("pre", 60, 0, false);
            post = window.get().number("post", 60, 0, false);
            window.get().done();
        }
        double maxSim = o.number("maxSimulatedTime", 30 * 86400.0, 0, true);

        Topology topology = topology(o.object("system"));
        Workload workload = workload(o.object("workload"), topology);
        Upgrade upgrade = upgrade(o.object("upgrade"), topology);
        FaultSpec defaultFaults = o.node("faults").map(n -> faults(n, "faults")).orElse(new FaultSpec.None());
        List<Scenario> scenarios = scenarios(o, topology, workload, upgrade, defaultFaults);
        ExecutorSettings executor = o.optionalObject("executor").map(ExperimentLoader::executor).orElse(ExecutorSettings.defaults());
        Experiment base = new Experiment(name, source, topology, workload, upgrade, scenarios, replications, seed, pre, post, maxSim);
        List<Sweep> sweeps = o.optionalObject("sweeps").map(sw -> sweeps(sw, base)).orElse(List.of());
        Optional<Precision> precision = o.optionalObject("precision").map(p -> precision(p, replications));
        String backend = o.string("backend", "sim");
        if (!backend.equals("sim") && !backend.equals("executor")) {
            throw o.error("backend", "unknown backend '" + backend + "' (expected sim or executor)");
        }
        o.done();
        return new Experiment(name, source, topology, workload, upgrade, scenarios, replications, seed, pre, post, maxSim,
                sweeps, precision, backend, executor);
    }

    /** {@code executor: {system: bidding, data: {users, items, bids}, database: h2, timeScale: 1}}. */
    private static ExecutorSettings executor(ConfigObject x) {
        ExecutorSettings d = ExecutorSettings.defaults();
        String system = x.string("system", d.system());
        if (!ExecutorSettings.SYSTEMS.contains(system)) {
            throw x.error("system", "unknown system '" + system + "': the executor runs only the project's own system descriptors ("
                    + String.join(", ", ExecutorSettings.SYSTEMS) + "), never a path or a program");
        }
        long users = d.users(), items = d.items(), bids = d.bids();
        Optional<ConfigObject> data = x.optionalObject("data");
        if (data.isPresent()) {
            users = data.get().integer("users", users, 1);
            items = data.get().integer("items", items, 1);
            bids = data.get().integer("bids", bids, 0);
            data.get().done();
        }
        String database = x.string("database", d.database());
        if (!ExecutorSettings.DATABASES.contains(database)) {
            throw x.error("database", "unknown database '" + database + "' (expected " + String.join(" or ", ExecutorSettings.DATABASES) + ")");
        }
        double timeScale = x.number("timeScale", d.timeScale(), 0, false);
        x.done();
        return new ExecutorSettings(system, users, items, bids, database, timeScale);
    }

    // ---------------------------------------------------------------- sweeps and precision

    /** {@code sweeps: {rolling.maxUnavailable: [1, 2, 3], upgrade.rows: [1e5, 1e6]}}. */
    private static List<Sweep> sweeps(ConfigObject sw, Experiment base) {
        List<Sweep> out = new ArrayList<>();
        YamlNode.Mapping m = sw.underlying();
        for (String key : m.values().keySet()) {
            SweepParameter param = SweepParameter.parse(key).orElseThrow(() -> sw.keyError(key, "unknown sweep parameter (expected one of "
                    + String.join(", ", Arrays.stream(SweepParameter.values()).map(SweepParameter::configName).toList()) + ")"));
            List<Double> values = sw.list(key, ConfigObject::asNumber);
            if (values.isEmpty()) {
                throw sw.error(key, "must list at least one value");
            }
            List<Scenario> applies = base.scenarios().stream().filter(param::appliesTo).toList();
            if (applies.isEmpty()) {
                throw sw.error(key, "applies to no scenario of this experiment");
            }
            for (int i = 0; i < values.size(); i++) {
                for (Scenario s : applies) {
                    try {
                        param.apply(new Arm(s.name(), Map.of(), base, s), values.get(i));
                    } catch (IllegalArgumentException e) {
                        throw located(sw.item(key, i), sw.path(key) + "[" + i + "]", e.getMessage());
                    }
                }
            }
            out.add(new Sweep(param, values));
        }
        sw.done();
        return out;
    }

    private static Precision precision(ConfigObject p, int replications) {
        double relative = p.requiredNumber("relative", 0, true);
        int max = p.smallInteger("maxReplications", Math.max(100, replications), 1);
        if (max < replications) {
            throw p.error("maxReplications", "must be >= replications (" + replications + "), was " + max);
        }
        List<String> metrics = p.strings("metrics");
        Set<String> known = new HashSet<>();
        imago.model.metrics.RunResult.METRICS.forEach(x -> known.add(x.name()));
        for (int i = 0; i < metrics.size(); i++) {
            if (!known.contains(metrics.get(i))) {
                throw located(p.item("metrics", i), p.path("metrics") + "[" + i + "]", "unknown metric '" + metrics.get(i) + "'");
            }
        }
        p.done();
        return new Precision(relative, max, metrics.isEmpty() ? List.of("availability", "unavailable_s") : metrics);
    }

    // ---------------------------------------------------------------- system

    private static Topology topology(ConfigObject sys) {
        List<Tier> tiers = sys.list("tiers", ExperimentLoader::tier);
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
                throw located(sys.item("tiers", i), sys.path("tiers") + "[" + i + "].name", "duplicate tier name '" + t.name() + "'");
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
        Topology topology = new Topology(tiers, deps);
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
        TierKind kind = enumValue(t, "kind", TierKind.class, TierKind.SERVICE);
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
        t.done();
        return new Tier(name, kind, replicas, servers, service, hosts);
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
        DependencyKind kind = configEnum(d, "kind", DependencyKind.values(), DependencyKind::configName, null);
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
                throw located(sys.item("dependencies", i), sys.path("dependencies") + "[" + i + "]",
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

    // ---------------------------------------------------------------- workload

    private static Workload workload(ConfigObject w, Topology topology) {
        ConfigObject a = w.object("arrivals");
        Arrivals arrivals;
        if (a.has("profile")) {
            List<Arrivals.RatePoint> points = a.list("profile", (n, p) -> {
                ConfigObject rp = ConfigObject.of(n, p);
                var point = new Arrivals.RatePoint(rp.requiredNumber("at", 0, false), rp.requiredNumber("rate", 0, true));
                rp.done();
                return point;
            });
            if (points.isEmpty()) {
                throw a.error("profile", "must not be empty");
            }
            for (int i = 1; i < points.size(); i++) {
                if (points.get(i).at() <= points.get(i - 1).at()) {
                    throw located(a.item("profile", i), a.path("profile") + "[" + i + "].at", "must be later than the previous point's");
                }
            }
            if (a.has("rate")) {
                throw a.error("rate", "give either rate or profile, not both");
            }
            arrivals = new Arrivals.Profile(points);
        } else {
            arrivals = new Arrivals.Poisson(a.requiredNumber("rate", 0, true));
        }
        a.done();

        Sessions sessions = w.optionalObject("sessions").map(s -> {
            var v = new Sessions(s.number("requests", 1, 1, false), s.dist("thinkTime", Dist.exponential(5)));
            s.done();
            return v;
        }).orElse(Sessions.single());

        double timeout = w.number("timeout", 5, 0, true);
        Set<String> tierNames = new HashSet<>();
        topology.tiers().forEach(t -> tierNames.add(t.name()));
        List<String> allTiers = topology.tiers().stream().map(Tier::name).toList();
        List<RequestType> mix = w.list("mix", (n, p) -> {
            ConfigObject r = ConfigObject.of(n, p);
            String name = r.string("name");
            double weight = r.number("weight", 1, 0, true);
            boolean write = r.bool("write", false);
            List<String> path = r.strings("path");
            for (int i = 0; i < path.size(); i++) {
                if (!tierNames.contains(path.get(i))) {
                    throw located(r.item("path", i), r.path("path") + "[" + i + "]", "no tier named '" + path.get(i) + "'");
                }
            }
            r.done();
            return new RequestType(name, weight, write, path.isEmpty() ? allTiers : path);
        });
        if (mix.isEmpty()) {
            mix = List.of(new RequestType("request", 1, false, allTiers));
        }
        AsyncInteractions async = w.optionalObject("async").map(s -> {
            double fraction = s.probability("fraction", 0);
            Dist delay = s.dist("delay", Dist.exponential(5));
            String iface = s.string("interface", "");
            if (fraction > 0 && iface.isEmpty()) {
                throw new ConfigException(s.location(), s.path("interface"), "required when fraction > 0");
            }
            double err = s.probability("errorProbability", 0.5);
            double silent = s.probability("silentProbability", 0.5);
            if (err + silent > 1 + 1e-12) {
                throw s.error("silentProbability", "errorProbability + silentProbability must be <= 1 (was " + (err + silent) + ")");
            }
            s.done();
            return new AsyncInteractions(fraction, delay, iface, err, silent);
        }).orElse(AsyncInteractions.none());
        w.done();
        return new Workload(arrivals, sessions, mix, async, timeout);
    }

    // ---------------------------------------------------------------- upgrade

    private static Upgrade upgrade(ConfigObject u, Topology topology) {
        String from = u.string("from", "v1");
        String to = u.string("to", "v2");
        if (from.equals(to)) {
            throw u.error("to", "must differ from 'from' (both '" + to + "')");
        }
        List<String> tiers = u.strings("tiers");
        if (!u.has("tiers")) {
            tiers = topology.tiers().stream().filter(t -> t.kind() == TierKind.SERVICE).map(Tier::name).toList();
        }
        if (tiers.isEmpty()) {
            throw u.error("tiers", "must name at least one service tier to upgrade");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < tiers.size(); i++) {
            String p = u.path("tiers") + "[" + i + "]";
            Optional<Tier> t = topology.tier(tiers.get(i));
            if (t.isEmpty()) {
                throw located(u.item("tiers", i), p, "no tier named '" + tiers.get(i) + "'");
            }
            if (t.get().kind() != TierKind.SERVICE) {
                throw located(u.item("tiers", i), p, "only service tiers are upgraded (" + tiers.get(i) + " is " + t.get().kind().configName() + ")");
            }
            if (!seen.add(tiers.get(i))) {
                throw located(u.item("tiers", i), p, "listed twice");
            }
        }
        Optional<SchemaChange> schema = u.optionalObject("schema").map(s -> {
            List<Tier> dbs = topology.databases();
            String db = s.string("database", dbs.size() == 1 ? dbs.getFirst().name() : "");
            if (db.isEmpty()) {
                throw new ConfigException(s.location(), s.path("database"), "required when the system has "
                        + (dbs.isEmpty() ? "no" : "several") + " database tiers");
            }
            Optional<Tier> t = topology.tier(db);
            if (t.isEmpty() || t.get().kind() != TierKind.DATABASE) {
                throw s.error("database", "no database tier named '" + db + "'");
            }
            var sc = new SchemaChange(db, s.bool("compatible", false), s.requiredInteger("rows", 1),
                    s.requiredNumber("conversionRate", 0, true),
                    optionalRate(s, "parallelRate"), optionalRate(s, "offlineRate"));
            s.done();
            return sc;
        });
        List<ConfigDirective> directives = u.list("directives", (n, p) -> {
            ConfigObject d = ConfigObject.of(n, p);
            var v = new ConfigDirective(d.string("name"), d.bool("semanticsChanged", false));
            d.done();
            return v;
        });
        List<LibraryChange> libraries = u.list("libraries", (n, p) -> {
            ConfigObject d = ConfigObject.of(n, p);
            var v = new LibraryChange(d.string("name"), d.string("from"), d.string("to"));
            d.done();
            return v;
        });
        List<InterfaceChange> interfaces = u.list("interfaces", (n, p) -> {
            ConfigObject d = ConfigObject.of(n, p);
            String name = d.string("name");
            InterfaceChange.Move move = configEnum(d, "move", InterfaceChange.Move.values(), InterfaceChange.Move::configName, null);
            String fromTier = d.string("from");
            String toTier = d.string("to", fromTier);
            for (String f : List.of("from", "to")) {
                String v = f.equals("from") ? fromTier : toTier;
                if (topology.tier(v).isEmpty() && !(f.equals("to") && v.equals("client"))) {
                    throw d.error(f, "no tier named '" + v + "'");
                }
            }
            d.done();
            return new InterfaceChange(name, move, fromTier, toTier);
        });
        List<String> moved = u.strings("movedLocations");
        for (int i = 0; i < moved.size(); i++) {
            if (topology.tier(moved.get(i)).isEmpty()) {
                throw located(u.item("movedLocations", i), u.path("movedLocations") + "[" + i + "]", "no tier named '" + moved.get(i) + "'");
            }
        }
        Map<StepKind, Dist> times = new EnumMap<>(StepKind.class);
        u.optionalObject("stepTimes").ifPresent(st -> {
            YamlNode.Mapping m = st.underlying();
            for (String key : m.values().keySet()) {
                StepKind kind = StepKind.parse(key).orElseThrow(() -> st.keyError(key, "unknown step kind (expected one of "
                        + String.join(", ", Arrays.stream(StepKind.values()).map(StepKind::configName).toList()) + ")"));
                if (kind == StepKind.CONVERT_DATA || kind == StepKind.SYNC_DATA) {
                    throw st.error(key, "derived from the schema's rows and conversionRate; it cannot be set");
                }
                times.put(kind, st.dist(key));
            }
        });
        u.done();
        return new Upgrade(from, to, tiers, schema, directives, libraries, interfaces, moved, times);
    }

    // ---------------------------------------------------------------- faults

    /**
     * {@code none}, {@code default}, {@code learned}, or a mapping with one of {@code use: NAME},
     * {@code learned: PATH}, {@code file: PATH}, {@code model: {...}}, and an optional {@code scale}.
     */
    static FaultSpec faults(YamlNode n, String p) {
        String expected = "none, default, learned, or {use: none|default|learned, learned: PATH, file: PATH, model: {...}; scale: F}";
        if (n instanceof YamlNode.Scalar) {
            return named(ConfigObject.asString(n, p), n, p, expected);
        }
        ConfigObject o = ConfigObject.of(n, p);
        List<String> given = java.util.stream.Stream.of("use", "learned", "file", "model").filter(o::has).toList();
        if (given.size() != 1) {
            throw new ConfigException(n.location(), p, "give exactly one of use, learned, file or model"
                    + (given.isEmpty() ? "" : " (has " + String.join(", ", given) + ")"));
        }
        FaultSpec spec = switch (given.getFirst()) {
            case "use" -> named(o.string("use"), o.require("use"), o.path("use"), expected);
            case "learned" -> new FaultSpec.Learned(Optional.of(o.string("learned")));
            case "file" -> {
                String file = o.string("file");
                Path base = Path.of(n.location().file()).toAbsolutePath().getParent();
                Path resolved = base == null ? Path.of(file) : base.resolve(file);
                try {
                    yield new FaultSpec.Given(imago.model.fault.FaultModelJson.read(resolved));
                } catch (ConfigException e) {
                    throw o.error("file", e.getMessage());
                }
            }
            default -> new FaultSpec.Given(inlineModel(o.object("model")));
        };
        if (o.has("scale")) {
            spec = new FaultSpec.Scaled(spec, o.requiredNumber("scale", 0, true));
        }
        o.done();
        return spec;
    }

    private static FaultSpec named(String v, YamlNode n, String p, String expected) {
        return switch (v) {
            case "none" -> new FaultSpec.None();
            case "default" -> new FaultSpec.Default();
            case "learned" -> new FaultSpec.Learned(Optional.empty());
            default -> throw new ConfigException(n.location(), p, "unknown fault model '" + v + "' (expected " + expected + ")");
        };
    }

    /**
     * An inline model: {@code steps: {Configure: {1: 0.02, 2: 0.01}}, detection: {1: DIST},
     * repair: {1: DIST}}; fault types are numbered 1..4.
     */
    private static FaultModel inlineModel(ConfigObject m) {
        Map<StepKind, Map<FaultType, Double>> probs = new EnumMap<>(StepKind.class);
        ConfigObject steps = m.object("steps");
        for (String key : steps.underlying().values().keySet()) {
            StepKind kind = StepKind.parse(key).orElseThrow(() -> steps.keyError(key, "unknown step kind"));
            ConfigObject per = steps.object(key);
            Map<FaultType, Double> byType = new EnumMap<>(FaultType.class);
            for (String t : per.underlying().values().keySet()) {
                byType.put(faultType(per, t), per.probability(t, 0));
            }
            double sum = byType.values().stream().mapToDouble(Double::doubleValue).sum();
            if (sum > 1 + 1e-9) {
                throw steps.error(key, "probabilities must sum to <= 1 (was " + sum + ")");
            }
            per.done();
            probs.put(kind, byType);
        }
        steps.done();
        Map<FaultType, Dist> detection = typeDists(m, "detection", FaultModel.handWritten().detection());
        Map<FaultType, Dist> repair = typeDists(m, "repair", FaultModel.handWritten().repair());
        m.done();
        return new FaultModel("config", probs, detection, repair, Map.of(), Map.of(), Optional.empty());
    }

    private static Map<FaultType, Dist> typeDists(ConfigObject m, String key, Map<FaultType, Dist> fallback) {
        Map<FaultType, Dist> out = new EnumMap<>(FaultType.class);
        out.putAll(fallback);
        m.optionalObject(key).ifPresent(d -> {
            for (String t : d.underlying().values().keySet()) {
                out.put(faultType(d, t), d.dist(t));
            }
            d.done();
        });
        return out;
    }

    private static FaultType faultType(ConfigObject o, String key) {
        try {
            return FaultType.ofNumber(Integer.parseInt(key));
        } catch (IllegalArgumentException e) {
            throw o.keyError(key, "fault types are numbered 1..4 (was '" + key + "')");
        }
    }

    // ---------------------------------------------------------------- scenarios

    private static List<Scenario> scenarios(ConfigObject o, Topology topology, Workload workload, Upgrade upgrade, FaultSpec defaults) {
        if (!o.has("scenarios")) {
            throw new ConfigException(o.location(), "scenarios", "required field is missing");
        }
        List<Scenario> scenarios = o.list("scenarios", (n, p) -> scenario(n, p, topology, workload, upgrade, defaults));
        if (scenarios.isEmpty()) {
            throw o.error("scenarios", "must list at least one scenario");
        }
        Map<String, Integer> names = new LinkedHashMap<>();
        for (int i = 0; i < scenarios.size(); i++) {
            if (names.put(scenarios.get(i).name(), i) != null) {
                throw located(o.item("scenarios", i), "scenarios[" + i + "].name", "duplicate scenario name '" + scenarios.get(i).name() + "'");
            }
        }
        return scenarios;
    }

    private static Scenario scenario(YamlNode n, String p, Topology topology, Workload workload, Upgrade upgrade, FaultSpec defaults) {
        ConfigObject s = ConfigObject.of(n, p);
        String name = s.string("name");
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9_.-]*")) {
            throw s.error("name", "must hold only letters, digits, '-', '_' and '.' (was '" + name + "')");
        }
        Strategy strategy = strategy(s.require("strategy"), s.path("strategy"), topology, upgrade);
        FaultSpec faults = s.node("faults").map(f -> faults(f, s.path("faults"))).orElse(defaults);
        List<FaultInjection> injected = List.of();
        if (s.has("fault")) {
            Plan plan = new PlanCompiler(topology, workload, upgrade).compile(name, strategy);
            YamlNode f = s.require("fault");
            injected = f instanceof YamlNode.Sequence
                    ? s.list("fault", (fn, fp) -> injection(fn, fp, plan))
                    : List.of(injection(f, s.path("fault"), plan));
        }
        s.done();
        return new Scenario(name, strategy, faults, injected);
    }

    /**
     * {@code {type: 3, step: Start, target: app-2, universe: parallel}}: the fault must land on a
     * step of this scenario's plan, so a typo in a node name is caught here and not mid-run.
     */
    private static FaultInjection injection(YamlNode n, String p, Plan plan) {
        ConfigObject f = ConfigObject.of(n, p);
        long type = f.requiredInteger("type", 1);
        if (type > 4) {
            throw f.error("type", "fault types are numbered 1..4 (was " + type + ")");
        }
        String step = f.string("step");
        StepKind kind = StepKind.parse(step).orElseThrow(() -> f.error("step", "unknown step kind '" + step + "' (expected one of "
                + String.join(", ", Arrays.stream(StepKind.values()).map(StepKind::configName).toList()) + ")"));
        String target = f.string("target");
        Optional<Universe> universe = Optional.empty();
        if (f.has("universe")) {
            String u = f.string("universe");
            universe = Optional.of(Arrays.stream(Universe.values()).filter(x -> x.configName().equals(u)).findFirst()
                    .orElseThrow(() -> f.error("universe", "must be production or parallel (was '" + u + "')")));
        }
        f.done();
        FaultInjection fault;
        try {
            fault = new FaultInjection(FaultType.ofNumber((int) type), kind, target, universe);
        } catch (IllegalArgumentException e) {
            throw located(n, p, e.getMessage());
        }
        if (plan.steps().stream().noneMatch(fault::matches)) {
            Set<String> targets = new java.util.TreeSet<>();
            plan.steps().stream().filter(ps -> ps.step().kind() == kind).forEach(ps -> targets.addAll(ps.step().targets()));
            throw f.error("target", "no " + kind.configName() + " step of this scenario's plan acts on " + target
                    + universe.map(u -> " in the " + u.configName() + " universe").orElse("")
                    + (targets.isEmpty() ? " (the plan has no " + kind.configName() + " step on a node)" : " (its " + kind.configName() + " steps act on " + String.join(", ", targets) + ")"));
        }
        return fault;
    }

    private static Strategy strategy(YamlNode n, String p, Topology topology, Upgrade upgrade) {
        if (n instanceof YamlNode.Scalar) {
            String kind = ConfigObject.asString(n, p);
            return strategyOfKind(kind, null, n, p, topology, upgrade);
        }
        ConfigObject o = ConfigObject.of(n, p);
        String kind = o.string("kind");
        Strategy s = strategyOfKind(kind, o, n, p, topology, upgrade);
        o.done();
        return s;
    }

    private static Strategy strategyOfKind(String kind, ConfigObject o, YamlNode n, String p, Topology topology, Upgrade upgrade) {
        ConfigObject params = o != null ? o : ConfigObject.of(new YamlNode.Mapping(n.location(), Map.of(), Map.of()), p);
        return switch (kind) {
            case "in-place" -> new Strategy.InPlace();
            case "blue-green" -> new Strategy.BlueGreen(params.number("switchHold", 2, 0, false),
                    params.number("keepOld", Strategy.DEFAULT_KEEP_OLD_S, 0, false));
            case "imago" -> new Strategy.Imago(params.probability("testCoverage", 0.9),
                    params.number("testDuration", 120, 0, false), params.bool("drainSessions", true),
                    params.number("switchHold", 2, 0, false), params.number("keepOld", Strategy.DEFAULT_KEEP_OLD_S, 0, false));
            case "rolling" -> {
                int maxUnavailable = params.smallInteger("maxUnavailable", 1, 0);
                int maxSurge = params.smallInteger("maxSurge", 0, 0);
                if (maxUnavailable + maxSurge < 1) {
                    throw params.error("maxUnavailable", "maxUnavailable + maxSurge must be >= 1");
                }
                for (String t : upgrade.tiers()) {
                    int replicas = topology.requireTier(t).replicas();
                    if (maxUnavailable >= replicas) {
                        throw params.error("maxUnavailable", "must be < replicas of upgraded tier " + t + " ("
                                + replicas + "), was " + maxUnavailable + "; a rolling upgrade must keep a node serving");
                    }
                }
                yield new Strategy.Rolling(maxUnavailable, maxSurge, params.number("readinessDelay", 10, 0, false),
                        params.number("pause", 0, 0, false), params.bool("abortOnFault", false));
            }
            default -> throw new ConfigException(o != null ? o.error("kind", "").location() : n.location(),
                    o != null ? p + ".kind" : p, "unknown strategy '" + kind + "' (expected in-place, rolling, blue-green or imago)");
        };
    }

    // ---------------------------------------------------------------- helpers

    private static java.util.OptionalDouble optionalRate(ConfigObject o, String key) {
        return o.has(key) ? java.util.OptionalDouble.of(o.requiredNumber(key, 0, true)) : java.util.OptionalDouble.empty();
    }

    private static ConfigException located(YamlNode n, String path, String problem) {
        return new ConfigException(n.location(), path, problem);
    }

    private static <E extends Enum<E>> E enumValue(ConfigObject o, String key, Class<E> type, E fallback) {
        E[] values = type.getEnumConstants();
        return configEnum(o, key, values, e -> e.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'), fallback);
    }

    private static <E> E configEnum(ConfigObject o, String key, E[] values, java.util.function.Function<E, String> spelling, E fallback) {
        if (!o.has(key)) {
            if (fallback == null) {
                o.require(key);
            }
            return fallback;
        }
        String v = o.string(key);
        for (E e : values) {
            if (spelling.apply(e).equals(v)) {
                return e;
            }
        }
        throw o.error(key, "unknown value '" + v + "' (expected one of "
                + String.join(", ", Arrays.stream(values).map(spelling).toList()) + ")");
    }

    private static String fileStem(String source) {
        String f = Path.of(source).getFileName().toString();
        int dot = f.lastIndexOf('.');
        return dot > 0 ? f.substring(0, dot) : f;
    }
}
