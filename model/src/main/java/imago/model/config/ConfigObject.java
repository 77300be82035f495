package imago.model.config;

import imago.model.dist.Dist;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * A mapping being read field by field. It remembers which keys were read, so that {@link #done()}
 * can reject unknown fields, and it turns every problem into a located {@link ConfigException}.
 */
public final class ConfigObject {

    private final YamlNode.Mapping mapping;
    private final String path;
    private final Set<String> known = new LinkedHashSet<>();

    private ConfigObject(YamlNode.Mapping mapping, String path) {
        this.mapping = mapping;
        this.path = path;
    }

    /** Views {@code node} as a mapping at {@code path}, or fails saying what it is instead. */
    public static ConfigObject of(YamlNode node, String path) {
        if (node instanceof YamlNode.Mapping m) {
            return new ConfigObject(m, path);
        }
        throw new ConfigException(node.location(), path, "must be a mapping (was " + node.describe() + ")");
    }

    /** The mapping itself, for sections whose keys are data (step kinds, sweep parameters). */
    public YamlNode.Mapping underlying() {
        return mapping;
    }

    public Location location() {
        return mapping.location();
    }

    public String path() {
        return path;
    }

    /** The path of a field of this mapping. */
    public String path(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    public boolean has(String key) {
        known.add(key);
        return mapping.values().containsKey(key) && !isNull(mapping.values().get(key));
    }

    public Optional<YamlNode> node(String key) {
        known.add(key);
        YamlNode n = mapping.values().get(key);
        return n == null || isNull(n) ? Optional.empty() : Optional.of(n);
    }

    public YamlNode require(String key) {
        return node(key).orElseThrow(() -> new ConfigException(mapping.location(), path(key), "required field is missing"));
    }

    /** An error located at the key itself: for keys that are data, such as an unknown step kind. */
    public ConfigException keyError(String key, String problem) {
        YamlNode.Key k = mapping.keys().get(key);
        return new ConfigException(k != null ? k.location() : mapping.location(), path(key), problem);
    }

    /** An error located at the value of {@code key} (or at this mapping when it is absent). */
    public ConfigException error(String key, String problem) {
        YamlNode n = mapping.values().get(key);
        return new ConfigException(n != null ? n.location() : mapping.location(), path(key), problem);
    }

    public ConfigObject object(String key) {
        return of(require(key), path(key));
    }

    public Optional<ConfigObject> optionalObject(String key) {
        return node(key).map(n -> of(n, path(key)));
    }

    public String string(String key) {
        return asString(require(key), path(key));
    }

    public String string(String key, String fallback) {
        return node(key).map(n -> asString(n, path(key))).orElse(fallback);
    }

    public boolean bool(String key, boolean fallback) {
        return node(key).map(n -> {
            if (n instanceof YamlNode.Scalar s && s.type() == YamlNode.ScalarType.BOOLEAN) {
                return Boolean.parseBoolean(s.text());
            }
            throw new ConfigException(n.location(), path(key), "must be true or false (was " + n.describe() + ")");
        }).orElse(fallback);
    }

    public double number(String key) {
        return asNumber(require(key), path(key));
    }

    public double number(String key, double fallback) {
        return node(key).map(n -> asNumber(n, path(key))).orElse(fallback);
    }

    /** A number that must satisfy {@code min <= v} (or {@code min < v} when {@code exclusive}). */
    public double number(String key, double fallback, double min, boolean exclusive) {
        double v = number(key, fallback);
        checkMin(key, v, min, exclusive);
        return v;
    }

    public double requiredNumber(String key, double min, boolean exclusive) {
        double v = number(key);
        checkMin(key, v, min, exclusive);
        return v;
    }

    /** A probability in [0, 1]. */
    public double probability(String key, double fallback) {
        double v = number(key, fallback);
        if (!(v >= 0 && v <= 1)) {
            throw error(key, "must be in [0, 1] (was " + fmt(v) + ")");
        }
        return v;
    }

    public long integer(String key, long fallback, long min) {
        return node(key).map(n -> {
            long v = asInteger(n, path(key));
            if (v < min) {
                throw new ConfigException(n.location(), path(key), "must be >= " + min + " (was " + v + ")");
            }
            return v;
        }).orElse(fallback);
    }

    public long requiredInteger(String key, long min) {
        YamlNode n = require(key);
        long v = asInteger(n, path(key));
        if (v < min) {
            throw new ConfigException(n.location(), path(key), "must be >= " + min + " (was " + v + ")");
        }
        return v;
    }

    public int smallInteger(String key, int fallback, int min) {
        long v = integer(key, fallback, min);
        if (v > Integer.MAX_VALUE) {
            throw error(key, "must be <= " + Integer.MAX_VALUE + " (was " + v + ")");
        }
        return (int) v;
    }

    public Dist dist(String key, Dist fallback) {
        return node(key).map(n -> readDist(n, path(key))).orElse(fallback);
    }

    public Dist dist(String key) {
        return readDist(require(key), path(key));
    }

    /** A list, each item read by {@code reader(item, itemPath)}. */
    public <T> List<T> list(String key, BiFunction<YamlNode, String, T> reader) {
        Optional<YamlNode> n = node(key);
        if (n.isEmpty()) {
            return List.of();
        }
        if (!(n.get() instanceof YamlNode.Sequence seq)) {
            throw new ConfigException(n.get().location(), path(key), "must be a list (was " + n.get().describe() + ")");
        }
        List<T> out = new ArrayList<>();
        for (int i = 0; i < seq.items().size(); i++) {
            out.add(reader.apply(seq.items().get(i), path(key) + "[" + i + "]"));
        }
        return out;
    }

    public List<String> strings(String key) {
        return list(key, ConfigObject::asString);
    }

    /** The node of the {@code i}-th item of the list at {@code key}, for errors about one item. */
    public YamlNode item(String key, int i) {
        return ((YamlNode.Sequence) mapping.values().get(key)).items().get(i);
    }

    /** An error at {@code n}, for problems with one list item or a value read outside a mapping. */
    public static ConfigException located(YamlNode n, String path, String problem) {
        return new ConfigException(n.location(), path, problem);
    }

    /** An enum spelt in lower case with dashes ({@code service}, {@code in-place}). */
    public <E extends Enum<E>> E enumValue(String key, Class<E> type, E fallback) {
        return choice(key, type.getEnumConstants(), e -> e.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'), fallback);
    }

    /** One of {@code values} by its spelling; required when {@code fallback} is null. */
    public <E> E choice(String key, E[] values, java.util.function.Function<E, String> spelling, E fallback) {
        if (!has(key)) {
            if (fallback == null) {
                require(key);
            }
            return fallback;
        }
        String v = string(key);
        for (E e : values) {
            if (spelling.apply(e).equals(v)) {
                return e;
            }
        }
        throw error(key, "unknown value '" + v + "' (expected one of "
                + String.join(", ", java.util.Arrays.stream(values).map(spelling).toList()) + ")");
    }

    /** Rejects any field that was not read: a misspelt field must never be silently ignored. */
    public void done() {
        for (var e : mapping.keys().entrySet()) {
            if (!known.contains(e.getKey())) {
                String expected = known.isEmpty() ? "no fields" : "one of " + String.join(", ", known);
                throw new ConfigException(e.getValue().location(), path(e.getKey()),
                        "unknown field (expected " + expected + ")");
            }
        }
    }

    // ---- scalar conversions, usable on list items too ----

    public static String asString(YamlNode n, String path) {
        if (n instanceof YamlNode.Scalar s && s.type() != YamlNode.ScalarType.NULL) {
            return s.text();
        }
        throw new ConfigException(n.location(), path, "must be a string (was " + n.describe() + ")");
    }

    public static double asNumber(YamlNode n, String path) {
        if (n instanceof YamlNode.Scalar s && (s.type() == YamlNode.ScalarType.NUMBER || s.type() == YamlNode.ScalarType.STRING)) {
            try {
                double v = Double.parseDouble(s.text().replace("_", ""));
                if (Double.isFinite(v)) {
                    return v;
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
        }
        throw new ConfigException(n.location(), path, "must be a number (was " + n.describe()
                + (n instanceof YamlNode.Scalar s ? " '" + s.text() + "'" : "") + ")");
    }

    public static long asInteger(YamlNode n, String path) {
        double v = asNumber(n, path);
        if (v != Math.rint(v)) {
            throw new ConfigException(n.location(), path, "must be a whole number (was " + fmt(v) + ")");
        }
        // Exact from the text: a double loses digits beyond 2^53, so 2^70 must not pass as a long.
        String text = ((YamlNode.Scalar) n).text().replace("_", "");
        try {
            return new java.math.BigDecimal(text).longValueExact();
        } catch (ArithmeticException e) {
            throw new ConfigException(n.location(), path, "out of range: must be a whole number from " + Long.MIN_VALUE
                    + " to " + Long.MAX_VALUE + " (was " + text + ")");
        } catch (NumberFormatException e) {
            return (long) v; // spellings Double accepts and BigDecimal does not; already whole and finite
        }
    }

    /** {@code {dist: exponential, mean: 2}}, {@code {dist: uniform, min: 1, max: 3}}, or a bare number (constant). */
    public static Dist readDist(YamlNode n, String path) {
        if (n instanceof YamlNode.Scalar) {
            double v = asNumber(n, path);
            if (v < 0) {
                throw new ConfigException(n.location(), path, "must be >= 0 (was " + fmt(v) + ")");
            }
            return Dist.constant(v);
        }
        ConfigObject o = of(n, path);
        String kind = o.string("dist");
        Dist d;
        try {
            d = switch (kind) {
                case "constant" -> new Dist.Constant(o.number("value"));
                case "exponential" -> new Dist.Exponential(o.number("mean"));
                case "uniform" -> new Dist.Uniform(o.number("min"), o.number("max"));
                case "lognormal" -> new Dist.LogNormal(o.number("mean"), o.number("sd"));
                default -> throw o.error("dist", "unknown distribution '" + kind
                        + "' (expected constant, exponential, uniform or lognormal)");
            };
        } catch (IllegalArgumentException e) {
            String msg = e.getMessage();
            int colon = msg.indexOf(':');
            String field = colon > 0 ? msg.substring(0, colon) : "dist";
            throw o.error(field, colon > 0 ? msg.substring(colon + 1).strip() : msg);
        }
        o.done();
        return d;
    }

    private void checkMin(String key, double v, double min, boolean exclusive) {
        if (exclusive ? !(v > min) : !(v >= min)) {
            throw error(key, "must be " + (exclusive ? "> " : ">= ") + fmt(min) + " (was " + fmt(v) + ")");
        }
    }

    private static boolean isNull(YamlNode n) {
        return n instanceof YamlNode.Scalar s && s.type() == YamlNode.ScalarType.NULL;
    }

    static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
