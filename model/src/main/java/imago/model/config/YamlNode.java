package imago.model.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML document as a tree that remembers where each value stands, so that validation after
 * parsing can still point at the line and column of the offending field.
 */
public sealed interface YamlNode permits YamlNode.Mapping, YamlNode.Sequence, YamlNode.Scalar {

    Location location();

    /** What the node is, for error messages: "a mapping", "a list", "a number", ... */
    String describe();

    /** A key of a mapping, with its own location. */
    record Key(String name, Location location) {
    }

    record Mapping(Location location, Map<String, Key> keys, Map<String, YamlNode> values) implements YamlNode {
        public Mapping {
            keys = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(keys));
            values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
        }

        @Override
        public String describe() {
            return "a mapping";
        }
    }

    record Sequence(Location location, List<YamlNode> items) implements YamlNode {
        public Sequence {
            items = List.copyOf(items);
        }

        @Override
        public String describe() {
            return "a list";
        }
    }

    /** How the YAML parser typed a scalar: quoted scalars are always strings. */
    enum ScalarType { STRING, NUMBER, BOOLEAN, NULL }

    record Scalar(Location location, String text, ScalarType type) implements YamlNode {
        @Override
        public String describe() {
            return switch (type) {
                case STRING -> "a string";
                case NUMBER -> "a number";
                case BOOLEAN -> "a boolean";
                case NULL -> "null";
            };
        }
    }
}
