package imago.executor.process;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class WorkFolderTest {

    @TempDir
    Path tmp;

    @Test
    void aFolderIsMarkedWithItsOwnerAndGoneAfterClose() throws Exception {
        WorkFolder w = WorkFolder.create(tmp, "imago-run-", () -> { });
        assertThat(Files.readString(w.path().resolve(WorkFolder.OWNER_FILE))).startsWith(ProcessHandle.current().pid() + " ");
        Files.writeString(w.path().resolve("data"), "x");
        w.close();
        assertThat(w.path()).doesNotExist();
    }

    @Test
    void theSweepRemovesOnlyFoldersWhoseOwnerHasEnded() throws Exception {
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        String endedMark = ended.pid() + " " + ended.info().startInstant().map(Object::toString).orElse("2026-01-01T00:00:00Z");
        Path orphan = mark(tmp.resolve("imago-run-orphan"), endedMark);
        // A live pid with another start time is a reused pid: its owner has ended too.
        Path reused = mark(tmp.resolve("imago-run-reused"), ProcessHandle.current().pid() + " 1970-01-01T00:00:00Z");
        try (WorkFolder live = WorkFolder.create(tmp, "imago-run-", () -> { })) {
            Path unmarked = Files.createDirectories(tmp.resolve("imago-run-unmarked"));
            Path other = mark(tmp.resolve("other-orphan"), endedMark);

            assertThat(orphan).doesNotExist(); // create swept it already
            assertThat(reused).doesNotExist();
            assertThat(WorkFolder.sweepStale(tmp, "imago-run-")).isEmpty();
            assertThat(live.path()).isDirectory();
            assertThat(unmarked).isDirectory();
            assertThat(other).isDirectory();
        }
    }

    private static Path mark(Path dir, String owner) throws Exception {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(WorkFolder.OWNER_FILE), owner);
        Files.writeString(dir.resolve("left-behind.db"), "x");
        return dir;
    }
}
