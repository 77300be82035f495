package imago.experiments.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the project's own files (configs, data set) are: set by the launcher, else the working folder. */
final class ProjectHome {
    private ProjectHome() {
    }

    static Path get() {
        String home = System.getProperty("imago.home");
        if (home != null && !home.isBlank()) {
            return Path.of(home);
        }
        Path cwd = Path.of("").toAbsolutePath();
        // Tests run inside experiments/: walk up to the folder holding the parent pom.
        for (Path p = cwd; p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("experiments/configs"))) {
                return p;
            }
        }
        return cwd;
    }
}
