package imago.model.config;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a config element stands: a path such as {@code scenarios[1].strategy.keepOld} resolved in a
 * file's YAML tree, down to the deepest part that exists (a field left to its default points at
 * the mapping that would hold it), for errors found after loading (lint, the executor's checks).
 */
public final class YamlPath {
    private static final Pattern PART = Pattern.compile("([^.\\[\\]]+)|\\[(\\d+)]");

    private YamlPath() {
    }

    public static Location locate(YamlNode root, String path) {
        YamlNode at = root;
        Matcher m = PART.matcher(path);
        while (m.find()) {
            YamlNode next = null;
            if (m.group(1) != null && at instanceof YamlNode.Mapping map) {
                next = map.values().get(m.group(1));
                if (next instanceof YamlNode.Scalar && map.keys().containsKey(m.group(1))) {
                    return map.keys().get(m.group(1)).location(); // a scalar field: point at its key
                }
            } else if (m.group(2) != null && at instanceof YamlNode.Sequence seq) {
                int i = Integer.parseInt(m.group(2));
                next = i < seq.items().size() ? seq.items().get(i) : null;
            }
            if (next == null) {
                break;
            }
            at = next;
        }
        return at.location();
    }

    /**
     * The path of the item of list {@code list} (a top-level field) whose {@code name} is {@code name},
     * e.g. {@code scenarios[3]}: an experiment narrowed to some scenarios no longer knows their indices.
     */
    public static String named(java.nio.file.Path file, String list, String name) {
        try {
            if (YamlTree.read(file) instanceof YamlNode.Mapping m && m.values().get(list) instanceof YamlNode.Sequence seq) {
                for (int i = 0; i < seq.items().size(); i++) {
                    if (seq.items().get(i) instanceof YamlNode.Mapping item && item.values().get("name") instanceof YamlNode.Scalar n
                            && n.text().equals(name)) {
                        return list + "[" + i + "]";
                    }
                }
            }
        } catch (ConfigException e) {
            // the file is gone or changed: say which item by name
        }
        return list + "[name=" + name + "]";
    }

    /** {@code path} in {@code file}; the file alone when it cannot be read again. */
    public static Location locate(java.nio.file.Path file, String path) {
        try {
            return locate(YamlTree.read(file), path);
        } catch (ConfigException e) {
            return Location.of(file);
        }
    }
}
