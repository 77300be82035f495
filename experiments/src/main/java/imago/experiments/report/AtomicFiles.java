package imago.experiments.report;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/** Writes files so that a reader sees the old file or the new one, never a partial one. */
final class AtomicFiles {

    /** The bytes to put at a path. */
    record Content(Path path, byte[] bytes) {
    }

    private AtomicFiles() {
    }

    /**
     * Writes every file to a temporary sibling first and renames them into place only when all
     * were written, so a failure (disk full) leaves the previous set intact.
     */
    static void write(List<Content> contents) throws IOException {
        List<Path> temps = new ArrayList<>();
        try {
            for (Content c : contents) {
                Path dir = c.path().toAbsolutePath().getParent();
                Files.createDirectories(dir);
                Path tmp = Files.createTempFile(dir, "." + c.path().getFileName(), ".tmp");
                temps.add(tmp);
                Files.write(tmp, c.bytes());
                readableByAll(tmp);
            }
            for (int i = 0; i < contents.size(); i++) {
                move(temps.get(i), contents.get(i).path());
            }
        } finally {
            for (Path t : temps) {
                Files.deleteIfExists(t);
            }
        }
    }

    /** Temporary files are private (0600); reports are meant to be shared and served. */
    private static void readableByAll(Path p) throws IOException {
        if (Files.getFileStore(p).supportsFileAttributeView(PosixFileAttributeView.class)) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-r--r--"));
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            // Some file systems (a few network mounts) cannot rename atomically; still replace.
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
