package imago.faultmodel.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/** Where a data set comes from: a file, or the copy bundled in the faultmodel jar. */
public sealed interface DataSetSource {

    /** The committed data set, relative to the project root. */
    Path PROJECT_PATH = Path.of("datasets", "upgrade-failures.csv");

    /** The class-path copy that the build packages from {@code ../datasets} (faultmodel/pom.xml). */
    String BUNDLED_RESOURCE = "imago/faultmodel/datasets/upgrade-failures.csv";

    /** Reads and validates the data set. */
    DataSet load();

    record File(Path path) implements DataSetSource {
        public File {
            Objects.requireNonNull(path, "path");
        }

        @Override
        public DataSet load() {
            return DataSetLoader.load(path);
        }
    }

    record Bundled(String resource) implements DataSetSource {
        public Bundled {
            Objects.requireNonNull(resource, "resource");
        }

        @Override
        public DataSet load() {
            return DataSetLoader.loadResource(resource);
        }
    }

    /**
     * The default when no file is given: the committed CSV in the project containing
     * {@code workingDir} (searched upwards, so it works from any module folder), else the bundled
     * copy, so the CLI jar also works outside a checkout.
     */
    static DataSetSource defaultFor(Path workingDir) {
        return projectFile(workingDir).<DataSetSource>map(File::new).orElseGet(() -> new Bundled(BUNDLED_RESOURCE));
    }

    /** The committed CSV in the project containing {@code dir}, if there is one. */
    static Optional<Path> projectFile(Path dir) {
        for (Path d = dir.toAbsolutePath().normalize(); d != null; d = d.getParent()) {
            Path candidate = d.resolve(PROJECT_PATH);
            if (Files.isRegularFile(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
