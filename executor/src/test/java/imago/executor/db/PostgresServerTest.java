package imago.executor.db;

import imago.executor.ExecutorException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PostgresServerTest {

    @TempDir
    Path tmp;

    @Test
    void withoutTheServerProgramsARunFailsWithOneLineSayingWhatToInstall() {
        assertThatThrownBy(() -> PostgresServer.binaries(List.of(tmp)))
                .isInstanceOf(ExecutorException.class)
                .hasMessageContaining("apt-get install postgresql")
                .hasMessageNotContaining("\n");
    }

    @Test
    void theFirstFolderWithBothProgramsIsUsed() throws Exception {
        Path onlyInitdb = Files.createDirectories(tmp.resolve("a"));
        Path both = Files.createDirectories(tmp.resolve("b"));
        executable(onlyInitdb.resolve("initdb"));
        executable(both.resolve("initdb"));
        executable(both.resolve("postgres"));
        assertThat(PostgresServer.binaries(List.of(onlyInitdb, both))).isEqualTo(both);
    }

    private static void executable(Path p) throws Exception {
        Files.writeString(p, "#!/bin/sh\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
