package imago.experiments.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

final class OutputDir {
    private OutputDir() {
    }

    /** Creates the folder, or fails as bad input before any work is done when it cannot be written. */
    static void prepare(Path dir) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new BadInputException(dir + ": --out must be a folder, and this is a file");
        }
        try {
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, ".write-test", ".tmp");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw new BadInputException(dir + ": cannot write the output folder (" + e.getMessage() + ")");
        }
    }
}
