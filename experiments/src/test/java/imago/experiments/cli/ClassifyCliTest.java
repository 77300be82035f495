package imago.experiments.cli;

import imago.faultmodel.FaultModelPipeline;
import imago.faultmodel.Options;
import imago.faultmodel.data.DataSetSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code imago faultmodel classify}: predictions for good input, exit 2 and nothing written for bad. */
class ClassifyCliTest {

    @TempDir
    static Path dir;
    static Path model;
    static List<String> lines;

    @BeforeAll
    static void learnOnEveryReportButTheLastForty() throws IOException {
        try (InputStream in = ClassifyCliTest.class.getClassLoader().getResourceAsStream(DataSetSource.BUNDLED_RESOURCE)) {
            lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
        Path train = write("train.csv", lines.subList(0, lines.size() - 40));
        FaultModelPipeline.run(train, Options.defaults().withResamples(0)).writeTo(dir.resolve("model"));
        model = dir.resolve("model/fault-model.json");
    }

    static Path write(String name, List<String> rows) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, String.join("\n", rows) + "\n");
        return p;
    }

    static List<String> heldBack() {
        List<String> rows = new ArrayList<>(List.of(lines.getFirst()));
        rows.addAll(lines.subList(lines.size() - 40, lines.size()));
        return rows;
    }

    @Test
    void classifiesAndEvaluatesHeldBackReports() throws IOException {
        Path out = dir.resolve("out");
        CliTest.Run r = CliTest.run("faultmodel", "classify", write("held.csv", heldBack()).toString(),
                "--model", model.toString(), "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("40 reports classified", "accuracy");
        assertThat(Files.readAllLines(out.resolve("predictions.csv"))).hasSize(41);
        assertThat(Files.readString(out.resolve("evaluation.csv"))).contains("confusion,");
    }

    @Test
    void eachBadInputExitsWithTwoALocatedLineAndNoOutputFolder() throws IOException {
        List<String> unknown = new ArrayList<>(heldBack());
        unknown.set(5, unknown.get(5).replaceFirst(",(install|configure|start|runtime|data-migration|rolling-mixed-version|rollback),", ",upgrade,"));
        List<String> dup = new ArrayList<>(heldBack());
        dup.add(dup.get(1));
        List<String> missing = heldBack().stream().map(l -> l.substring(0, l.lastIndexOf(',', l.lastIndexOf(',') - 1))
                + l.substring(l.lastIndexOf(','))).toList();
        record Bad(Path file, String message) {
        }
        Path u = write("unknown.csv", unknown);
        Path d = write("dup.csv", dup);
        Path m = write("missing.csv", missing);
        for (Bad b : List.of(new Bad(u, u + ":6:"), new Bad(d, d + ":42:1: id: duplicate id"),
                new Bad(m, m + ":1:1: header: missing required column 'detected'"))) {
            Path out = dir.resolve("never-" + b.file().getFileName());
            CliTest.Run r = CliTest.run("faultmodel", "classify", b.file().toString(), "--model", model.toString(),
                    "--out", out.toString());
            assertThat(r.code()).as(r.out()).isEqualTo(2);
            assertThat(r.err().lines().toList()).hasSize(1);
            assertThat(r.err()).startsWith("imago: " + b.message());
            assertThat(Files.exists(out)).as("no output folder for %s", b.file()).isFalse();
        }
        assertThat(CliTest.run("faultmodel", "classify", u.toString(), "--model", model.toString(), "--out",
                dir.resolve("x").toString()).err()).contains("stage: 'upgrade' is not one of");
    }
}
