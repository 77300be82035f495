package imago.executor.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Folders a run made and must leave behind it. */
public final class Folders {

    private Folders() {
    }

    /** Deletes {@code dir} and everything in it, as far as it can: cleanup must not fail a run. */
    public static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort; CleanupIT checks that nothing is left
                }
            });
        } catch (IOException ignored) {
            // best effort
        }
    }
}
