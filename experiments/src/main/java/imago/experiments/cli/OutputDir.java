package imago.experiments.cli;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

final class OutputDir {
    private OutputDir() {
    }

    /** Work that writes into an output folder. */
    interface Work<T> {
        T call() throws IOException;
    }

    /** The {@code --out} option: {@code ""} would silently mean the current folder. */
    static Path option(Path out) {
        if (out.toString().isBlank()) {
            throw new BadInputException("--out: must name a folder (was empty)");
        }
        return out;
    }

    /**
     * Creates {@code dir} and runs {@code work} in it; when either fails, the folders this created
     * are removed again while they are empty, so bad input leaves no trace behind.
     */
    static <T> T writeInto(Path dir, Work<T> work) throws IOException {
        List<Path> created = new ArrayList<>();
        for (Path p = dir.toAbsolutePath().normalize(); p != null && !Files.exists(p); p = p.getParent()) {
            created.add(p);
        }
        try {
            prepare(dir);
            return work.call();
        } catch (IOException | RuntimeException e) {
            for (Path p : created) {
                try {
                    Files.deleteIfExists(p);
                } catch (DirectoryNotEmptyException kept) {
                    break; // it holds results (or another's files): keep it and its parents
                } catch (IOException ignored) {
                    break; // cleaning up is best effort; the original failure is what matters
                }
            }
            throw e;
        }
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
