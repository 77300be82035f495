package imago.experiments.lint;

import imago.model.config.Location;
import imago.model.config.YamlNode;
import imago.model.config.YamlPath;

/** Where a config element stands in the linted file ({@link YamlPath}). */
final class Locator {
    private final YamlNode root;

    Locator(YamlNode root) {
        this.root = root;
    }

    Location of(String path) {
        return YamlPath.locate(root, path);
    }
}
