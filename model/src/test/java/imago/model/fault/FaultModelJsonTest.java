package imago.model.fault;

import imago.model.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FaultModelJsonTest {

    @Test
    void whatIsWrittenReadsBackEqual(@TempDir Path dir) throws IOException {
        FaultModel m = FaultModel.handWritten();
        Path f = dir.resolve("fault-model.json");
        FaultModelJson.write(m, f);
        assertThat(FaultModelJson.read(f)).isEqualTo(m);
        assertThat(Files.readString(f)).doesNotContain("\"empty\"");
        assertThat(Files.getPosixFilePermissions(f).toString()).contains("OTHERS_READ");
    }

    @Test
    void anUnknownFieldIsALocatedError(@TempDir Path dir) throws IOException {
        String json = FaultModelJson.toJson(FaultModel.handWritten()).replaceFirst("\\{", "{\n  \"colour\" : 3,");
        Path f = Files.writeString(dir.resolve("bad.json"), json);
        assertThatThrownBy(() -> FaultModelJson.read(f)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(f + ":2:").hasMessageContaining("colour");
    }

    @Test
    void aMissingFieldIsNamed(@TempDir Path dir) throws IOException {
        Path f = Files.writeString(dir.resolve("bad.json"), "{\n  \"name\": \"x\"\n}\n");
        assertThatThrownBy(() -> FaultModelJson.read(f)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(f + ":").hasMessageContaining("stepProbabilities: required");
    }
}
