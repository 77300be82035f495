package imago.experiments.lint;

import imago.model.config.Location;
import imago.model.config.YamlNode;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a config element stands: a path such as {@code scenarios[1].strategy.keepOld} resolved in
 * the file's YAML tree, down to the deepest part that exists (a field left to its default points
 * at the mapping that would hold it).
 */
final class Locator {
    private static final Pattern PART = Pattern.compile("([^.\\[\\]]+)|\\[(\\d+)]");

    private final YamlNode root;

    Locator(YamlNode root) {
        this.root = root;
    }

    Location of(String path) {
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
}
