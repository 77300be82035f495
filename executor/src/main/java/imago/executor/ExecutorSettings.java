package imago.executor;

import imago.model.config.ConfigException;
import imago.model.config.ConfigObject;
import imago.model.config.YamlNode;
import imago.model.config.YamlTree;
import imago.model.fault.FaultType;
import imago.model.plan.StepKind;
import imago.model.plan.Universe;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Settings only the real executor needs, kept apart from the experiment file (whose loader does
 * not know them), with the same located error messages:
 *
 * <pre>
 * data: {users: 100000, items: 200000, bids: 1000000}
 * timeScale: 1
 * faults:                              # per scenario: one fault, or a list
 *   in-place: {type: 3, step: Start, target: app-2}
 *   imago:    [{type: 1, step: Configure, target: app-2, universe: parallel}]
 * </pre>
 */
public record ExecutorSettings(Optional<DataSize> data, Optional<Double> timeScale,
                               Map<String, List<FaultInjection>> faults) {

    public ExecutorSettings {
        faults = Map.copyOf(faults);
    }

    public static ExecutorSettings none() {
        return new ExecutorSettings(Optional.empty(), Optional.empty(), Map.of());
    }

    public static ExecutorSettings load(Path file) {
        return read(YamlTree.read(file));
    }

    public static ExecutorSettings parse(String name, String yaml) {
        return read(YamlTree.parse(name, yaml));
    }

    /** {@code options} with these settings applied for {@code scenario}. */
    public ExecutorOptions apply(ExecutorOptions options, String scenario) {
        ExecutorOptions o = options;
        if (data.isPresent()) {
            o = o.withData(data.get());
        }
        if (timeScale.isPresent()) {
            o = o.withTimeScale(timeScale.get());
        }
        return o.withFaults(faults.getOrDefault(scenario, List.of()));
    }

    private static ExecutorSettings read(YamlNode root) {
        ConfigObject o = ConfigObject.of(root, "");
        Optional<DataSize> data = o.optionalObject("data").map(d -> {
            DataSize standard = DataSize.standard();
            DataSize size = new DataSize(d.integer("users", standard.users(), 1), d.integer("items", standard.items(), 1),
                    d.integer("bids", standard.bids(), 0));
            d.done();
            return size;
        });
        Optional<Double> scale = o.has("timeScale") ? Optional.of(o.number("timeScale", 1, 0, false)) : Optional.empty();
        Map<String, List<FaultInjection>> faults = new LinkedHashMap<>();
        o.optionalObject("faults").ifPresent(f -> {
            YamlNode.Mapping m = (YamlNode.Mapping) o.node("faults").orElseThrow();
            for (var e : m.values().entrySet()) {
                String path = f.path(e.getKey());
                List<FaultInjection> list = e.getValue() instanceof YamlNode.Sequence
                        ? f.list(e.getKey(), ExecutorSettings::fault)
                        : List.of(fault(e.getValue(), path));
                faults.put(e.getKey(), list);
            }
        });
        o.done();
        return new ExecutorSettings(data, scale, faults);
    }

    private static FaultInjection fault(YamlNode n, String path) {
        ConfigObject f = ConfigObject.of(n, path);
        int type = f.smallInteger("type", 0, 1);
        String step = f.string("step");
        String target = f.string("target");
        Optional<Universe> universe = Optional.empty();
        if (f.has("universe")) {
            String u = f.string("universe");
            universe = Optional.of(switch (u) {
                case "production" -> Universe.PRODUCTION;
                case "parallel" -> Universe.PARALLEL;
                default -> throw f.error("universe", "must be production or parallel (was '" + u + "')");
            });
        }
        f.done();
        try {
            return new FaultInjection(FaultType.ofNumber(type),
                    StepKind.parse(step).orElseThrow(() -> f.error("step", "unknown step kind '" + step + "'")),
                    target, universe);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(n.location(), path, e.getMessage());
        }
    }
}
