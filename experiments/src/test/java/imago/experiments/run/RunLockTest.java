package imago.experiments.run;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunLockTest {

    @Test
    void aHeldFolderIsRefusedNamingTheHolderAndFreedAfterwards(@TempDir Path dir) throws IOException {
        try (RunLock first = RunLock.acquire(dir)) {
            assertThat(Files.readString(dir.resolve(RunLock.FILE))).startsWith("pid " + ProcessHandle.current().pid() + ", since ");
            assertThatThrownBy(() -> RunLock.acquire(dir)).isInstanceOf(RunLock.HeldException.class)
                    .hasMessageStartingWith(dir + ": another imago run is writing here (pid " + ProcessHandle.current().pid());
        }
        assertThat(dir.resolve(RunLock.FILE)).as("a finished run leaves only results").doesNotExist();
        RunLock.acquire(dir).close();
    }

    @Test
    void theLockFileOfAProcessThatIsGoneIsTakenOver(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve(RunLock.FILE), "pid 2147483646, since 2026-01-01T00:00:00Z\n");
        try (RunLock taken = RunLock.acquire(dir)) {
            assertThat(Files.readString(dir.resolve(RunLock.FILE))).startsWith("pid " + ProcessHandle.current().pid() + ", since ");
        }
    }
}
