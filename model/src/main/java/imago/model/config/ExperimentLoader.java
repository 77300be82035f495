package imago.model.config;

import imago.model.experiment.AdviseSpace;
import imago.model.experiment.Arm;
import imago.model.experiment.ExecutorSettings;
import imago.model.experiment.Experiment;
import imago.model.experiment.Precision;
import imago.model.experiment.Sweep;
import imago.model.experiment.SweepParameter;
import imago.model.experiment.FaultSpec;
import imago.model.experiment.Scenario;
import imago.model.health.MonitorRule;
import imago.model.topology.Topology;
import imago.model.upgrade.Upgrade;
import imago.model.workload.Workload;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads one experiment YAML file into an {@link Experiment}, validating everything once. Any
 * problem is a {@link ConfigException} with the file, line, column and field.
 */
public final class ExperimentLoader {

    /** Folder names of 255 bytes are the usual limit; leave room for temporary-file suffixes. */
    static final int MAX_NAME = 100;

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
        String name = experimentName(o, source);
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

        Topology topology = TopologyReader.topology(o.object("system"));
        // The upgrade first: a request type's tables are the schema change's.
        Upgrade upgrade = UpgradeReader.upgrade(o.object("upgrade"), topology);
        Workload workload = WorkloadReader.workload(o.object("workload"), topology, upgrade.schema());
        FaultSpec defaultFaults = o.node("faults").map(n -> FaultsReader.faults(n, "faults")).orElse(new FaultSpec.None());
        List<Scenario> scenarios = ScenarioReader.scenarios(o, topology, workload, upgrade, defaultFaults);
        ExecutorSettings executor = o.optionalObject("executor").map(ExperimentLoader::executor).orElse(ExecutorSettings.defaults());
        Experiment base = new Experiment(name, source, topology, workload, upgrade, scenarios, replications, seed, pre, post, maxSim);
        List<Sweep> sweeps = o.optionalObject("sweeps").map(sw -> sweeps(sw, base)).orElse(List.of());
        Optional<Precision> precision = o.optionalObject("precision").map(p -> precision(p, replications));
        MonitorRule monitor = o.optionalObject("monitor").map(MonitorReader::monitor).orElse(MonitorRule.defaults());
        AdviseSpace advise = o.optionalObject("advise").map(a -> advise(a, base)).orElse(AdviseSpace.defaults());
        String backend = o.string("backend", "sim");
        if (!backend.equals("sim") && !backend.equals("executor")) {
            throw o.error("backend", "unknown backend '" + backend + "' (expected sim or executor)");
        }
        o.done();
        return new Experiment(name, source, topology, workload, upgrade, scenarios, replications, seed, pre, post, maxSim,
                sweeps, precision, backend, executor, monitor, advise);
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
                        throw ConfigObject.located(sw.item(key, i), sw.path(key) + "[" + i + "]", e.getMessage());
                    }
                }
            }
            out.add(new Sweep(param, values));
        }
        sw.done();
        return out;
    }

    /**
     * {@code advise: {grid: {rolling.maxUnavailable: [1, 2]}, initial: 5, maxReplications: 40}}: the grid
     * holds strategy knobs only, since an advice chooses how to upgrade, not the system or its load.
     */
    private static AdviseSpace advise(ConfigObject a, Experiment base) {
        List<Sweep> grid = List.of();
        Optional<ConfigObject> g = a.optionalObject("grid");
        if (g.isPresent()) {
            for (String key : g.get().underlying().values().keySet()) {
                Optional<SweepParameter> p = SweepParameter.parse(key);
                if (p.isPresent() && !p.get().strategyKnob()) {
                    throw g.get().keyError(key, "not a strategy knob: an advice searches how to upgrade (parameters "
                            + String.join(", ", Arrays.stream(SweepParameter.values()).filter(SweepParameter::strategyKnob)
                            .map(SweepParameter::configName).toList()) + ")");
                }
            }
            grid = sweeps(g.get(), base);
        }
        Optional<Integer> initial = a.has("initial") ? Optional.of(a.smallInteger("initial", 5, 2)) : Optional.empty();
        Optional<Integer> max = a.has("maxReplications") ? Optional.of(a.smallInteger("maxReplications", 40, 2)) : Optional.empty();
        if (initial.isPresent() && max.isPresent() && max.get() < initial.get()) {
            throw a.error("maxReplications", "must be >= initial (" + initial.get() + "), was " + max.get());
        }
        a.done();
        return new AdviseSpace(grid, initial, max);
    }

    private static Precision precision(ConfigObject p, int replications) {
        double relative = p.requiredNumber("relative", 0, true);
        if (!(relative < 1)) {
            throw p.error("relative", "must be in (0, 1): a relative CI half-width, e.g. 0.05 (was " + ConfigObject.fmt(relative) + ")");
        }
        int max = p.smallInteger("maxReplications", Math.max(100, replications), 1);
        if (max < replications) {
            throw p.error("maxReplications", "must be >= replications (" + replications + "), was " + max);
        }
        List<String> metrics = p.strings("metrics");
        Set<String> known = new HashSet<>();
        imago.model.metrics.RunResult.METRICS.forEach(x -> known.add(x.name()));
        for (int i = 0; i < metrics.size(); i++) {
            if (!known.contains(metrics.get(i))) {
                throw ConfigObject.located(p.item("metrics", i), p.path("metrics") + "[" + i + "]", "unknown metric '" + metrics.get(i) + "'");
            }
        }
        p.done();
        return new Precision(relative, max, metrics.isEmpty() ? List.of("availability", "unavailable_s") : metrics);
    }

    // ---------------------------------------------------------------- helpers

    /**
     * The experiment's folder under {@code --out}: one plain folder name, so results never land
     * outside it ({@code /tmp/x}, {@code ../x}) or in it ({@code .}); short enough for any file system.
     */
    private static String experimentName(ConfigObject o, String source) {
        String name = o.string("name", fileStem(source));
        String problem = name.length() > MAX_NAME ? "is longer than " + MAX_NAME + " characters (" + name.length() + ")"
                : !name.matches("[A-Za-z0-9][A-Za-z0-9_.-]*") ? "must be a folder name of letters, digits, '-', '_' and '.', starting with a letter or digit (was '" + name + "')"
                : "";
        if (problem.isEmpty()) {
            return name;
        }
        if (o.has("name")) {
            throw o.error("name", problem);
        }
        throw new ConfigException(o.location(), "name", "the file name " + problem.replace("must be", "is not")
                + "; give the experiment a name: field");
    }

    private static String fileStem(String source) {
        String f = Path.of(source).getFileName().toString();
        int dot = f.lastIndexOf('.');
        return dot > 0 ? f.substring(0, dot) : f;
    }
}