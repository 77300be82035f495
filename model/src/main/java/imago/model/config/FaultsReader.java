package imago.model.config;

import imago.model.dist.Dist;
import imago.model.experiment.FaultSpec;
import imago.model.fault.FaultModel;
import imago.model.fault.FaultType;
import imago.model.plan.StepKind;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads a {@code faults:} value: a named fault model, a file, or an inline model. */
final class FaultsReader {

    private FaultsReader() {
    }

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

    static FaultType faultType(ConfigObject o, String key) {
        try {
            return FaultType.ofNumber(Integer.parseInt(key));
        } catch (IllegalArgumentException e) {
            throw o.keyError(key, "fault types are numbered 1..4 (was '" + key + "')");
        }
    }
}
