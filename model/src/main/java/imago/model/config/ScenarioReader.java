package imago.model.config;

import imago.model.experiment.FaultSpec;
import imago.model.experiment.Scenario;
import imago.model.fault.FaultInjection;
import imago.model.fault.FaultType;
import imago.model.plan.Plan;
import imago.model.plan.PlanCompiler;
import imago.model.plan.StepKind;
import imago.model.plan.Universe;
import imago.model.strategy.Fenceposts;
import imago.model.strategy.IntOrPercent;
import imago.model.strategy.Strategy;
import imago.model.strategy.TierKnob;
import imago.model.topology.Topology;
import imago.model.upgrade.Upgrade;
import imago.model.workload.Workload;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads {@code scenarios:}: each scenario's strategy, fault model and given faults (checked against its plan). */
final class ScenarioReader {

    private ScenarioReader() {
    }

    static List<Scenario> scenarios(ConfigObject o, Topology topology, Workload workload, Upgrade upgrade, FaultSpec defaults) {
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
                throw ConfigObject.located(o.item("scenarios", i), "scenarios[" + i + "].name", "duplicate scenario name '" + scenarios.get(i).name() + "'");
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
        FaultSpec faults = s.node("faults").map(f -> FaultsReader.faults(f, s.path("faults"))).orElse(defaults);
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
            throw ConfigObject.located(n, p, e.getMessage());
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

    /**
     * {@code expandContract: true} on a rolling or canary strategy: the schema change must list its
     * operations, each one expand/contract can run.
     */
    static boolean expandContract(ConfigObject params, Upgrade upgrade) {
        if (!params.bool("expandContract", false)) {
            return false;
        }
        if (upgrade.schema().isEmpty() || upgrade.schema().get().changes().isEmpty()) {
            throw params.error("expandContract", "needs upgrade.schema.changes, the operations to expand"
                    + (upgrade.schema().isEmpty() ? " (the upgrade changes no schema)" : " (the schema gives only compatible:)"));
        }
        int i = upgrade.schema().get().firstNotExpandable();
        if (i >= 0) {
            var op = upgrade.schema().get().changes().get(i);
            throw params.error("expandContract", "upgrade.schema.changes[" + i + "] (" + op.kind() + " of " + op.table()
                    + ") cannot be expanded: expand/contract runs add-column (nullable or with a default), drop-column,"
                    + " rename-column, change-type, add-not-null, add-table, add-index and backfill");
        }
        return true;
    }

    private static Strategy strategyOfKind(String kind, ConfigObject o, YamlNode n, String p, Topology topology, Upgrade upgrade) {
        ConfigObject params = o != null ? o : ConfigObject.of(new YamlNode.Mapping(n.location(), Map.of(), Map.of()), p);
        return switch (kind) {
            case "in-place" -> new Strategy.InPlace(params.bool("abortOnFault", false));
            case "blue-green" -> new Strategy.BlueGreen(params.number("switchHold", 2, 0, false),
                    params.number("keepOld", Strategy.DEFAULT_KEEP_OLD_S, 0, false));
            case "imago" -> new Strategy.Imago(params.probability("testCoverage", 0.9),
                    params.number("testDuration", 120, 0, false), params.bool("drainSessions", true),
                    params.number("switchHold", 2, 0, false), params.number("keepOld", Strategy.DEFAULT_KEEP_OLD_S, 0, false));
            case "rolling" -> rolling(params, upgrade);
            // The topology reader refuses dependency cycles, so the declared order always exists.
            case "dependency-ordered" -> new Strategy.DependencyOrdered(rolling(params, upgrade));
            case "canary" -> CanaryReader.canary(params, upgrade);
            default -> throw new ConfigException(o != null ? o.error("kind", "").location() : n.location(),
                    o != null ? p + ".kind" : p, "unknown strategy '" + kind + "' (expected in-place, rolling, dependency-ordered, blue-green, imago or canary)");
        };
    }

    /**
     * Rolling knobs, as Kubernetes takes them: {@code maxSurge} and {@code maxUnavailable} a count, a
     * percentage string ({@code "25%"}) or a mapping from upgraded tier to either; refused where
     * Kubernetes' API refuses them, for any upgraded tier.
     */
    private static Strategy.Rolling rolling(ConfigObject params, Upgrade upgrade) {
        TierKnob maxSurge = tierKnob(params, "maxSurge", upgrade);
        TierKnob maxUnavailable = tierKnob(params, "maxUnavailable", upgrade);
        for (String t : upgrade.tiers()) {
            Fenceposts.invalid(maxSurge.of(t), maxUnavailable.of(t)).ifPresent(why -> {
                throw knobError(params, "maxUnavailable", t, why + (upgrade.tiers().size() > 1 ? " for tier " + t : ""));
            });
        }
        return new Strategy.Rolling(maxSurge, maxUnavailable, params.number("readinessDelay", 10, 0, false),
                params.number("pause", 0, 0, false), params.bool("abortOnFault", false),
                params.number("progressDeadline", Strategy.Rolling.DEFAULT_PROGRESS_DEADLINE_S, 0, true),
                params.bool("progressDeadlineAbort", false), expandContract(params, upgrade));
    }

    /** The error at a tier's own entry when the knob is a mapping that names it, else at the knob. */
    private static ConfigException knobError(ConfigObject params, String key, String tier, String problem) {
        if (params.node(key).orElse(null) instanceof YamlNode.Mapping m && m.values().containsKey(tier)) {
            return ConfigObject.of(m, params.path(key)).error(tier, problem);
        }
        return params.error(key, problem);
    }

    private static TierKnob tierKnob(ConfigObject params, String key, Upgrade upgrade) {
        Optional<YamlNode> n = params.node(key);
        if (n.isEmpty()) {
            return TierKnob.all(Fenceposts.DEFAULT);
        }
        if (n.get() instanceof YamlNode.Mapping) {
            ConfigObject m = ConfigObject.of(n.get(), params.path(key));
            Map<String, IntOrPercent> byTier = new LinkedHashMap<>();
            for (String t : m.underlying().values().keySet()) {
                if (!upgrade.tiers().contains(t)) {
                    throw m.keyError(t, "not an upgraded tier (expected one of " + String.join(", ", upgrade.tiers()) + ")");
                }
                byTier.put(t, intOrPercent(m.require(t), m.path(t)));
            }
            m.done();
            return new TierKnob(Fenceposts.DEFAULT, byTier);
        }
        return TierKnob.all(intOrPercent(n.get(), params.path(key)));
    }

    /** A count ({@code 2}) or a percentage string ({@code "25%"}), never a bare string count. */
    private static IntOrPercent intOrPercent(YamlNode n, String path) {
        try {
            if (n instanceof YamlNode.Scalar s && s.type() == YamlNode.ScalarType.STRING) {
                return IntOrPercent.parse(s.text());
            }
            long v = ConfigObject.asInteger(n, path);
            if (v > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("must be <= " + Integer.MAX_VALUE + " (was " + v + ")");
            }
            return IntOrPercent.count((int) v);
        } catch (IllegalArgumentException e) {
            throw ConfigObject.located(n, path, e.getMessage());
        }
    }
}
