package imago.faultmodel;

import imago.faultmodel.classify.ClassifierJson;
import imago.faultmodel.classify.ClusterClassifier;
import imago.faultmodel.cluster.Distances;
import imago.faultmodel.cluster.Encoding;
import imago.faultmodel.cluster.FeatureSet;
import imago.faultmodel.data.DataSet;
import imago.faultmodel.data.DataSetException;
import imago.faultmodel.data.DataSetLoader;
import imago.faultmodel.data.DataSetSource;
import imago.faultmodel.data.FailureReport;
import imago.model.fault.FaultModelJson;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A model learned without some reports classifies them; bad input is refused with a located message. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClassificationTest {

    @TempDir
    static Path dir;
    private List<String> lines;
    private Set<Integer> heldBack;
    private Path model;
    private PipelineResult trained;

    @BeforeAll
    void learnWithoutEveryTwentiethReport() throws IOException {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(DataSetSource.BUNDLED_RESOURCE)) {
            lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
        heldBack = new java.util.TreeSet<>();
        List<String> train = new ArrayList<>(List.of(lines.getFirst()));
        for (int i = 1; i < lines.size(); i++) {
            if (i % 20 == 0) {
                heldBack.add(i);
            } else {
                train.add(lines.get(i));
            }
        }
        Path trainCsv = write("train.csv", train);
        trained = FaultModelPipeline.run(trainCsv, Options.defaults().withResamples(0));
        trained.writeTo(dir.resolve("model"));
        model = dir.resolve("model/fault-model.json");
    }

    private Path write(String name, List<String> rows) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, String.join("\n", rows) + "\n");
        return p;
    }

    private List<String> heldBackRows() {
        List<String> rows = new ArrayList<>(List.of(lines.getFirst()));
        heldBack.forEach(i -> rows.add(lines.get(i)));
        return rows;
    }

    @Test
    void theModelFileCarriesTheClassifierAndStillReadsAsAFaultModel() {
        assertThat(FaultModelJson.read(model)).isEqualTo(trained.model());
        ClusterClassifier c = ClassifierJson.read(model);
        assertThat(c).isEqualTo(trained.classifier());
        assertThat(c.clusters()).hasSize(trained.k());
        assertThat(c.clusters().stream().mapToInt(ClusterClassifier.Cluster::size).sum())
                .isEqualTo(trained.data().size());
    }

    @Test
    void classifiesHeldBackReportsAndEvaluatesThem() throws IOException {
        Path csv = write("held.csv", heldBackRows());
        Classification c = Classification.run(model, csv);
        assertThat(c.predictions()).hasSize(heldBack.size());
        assertThat(c.labelled()).isTrue();
        Path out = dir.resolve("classified");
        c.writeTo(out);
        List<String> pred = Files.readAllLines(out.resolve("predictions.csv"));
        assertThat(pred.getFirst()).isEqualTo("id,fault_type,cluster,distance");
        assertThat(pred).hasSize(heldBack.size() + 1);
        List<String> ids = heldBackRows().stream().skip(1).map(l -> l.substring(0, l.indexOf(','))).toList();
        assertThat(pred.stream().skip(1).map(l -> l.substring(0, l.indexOf(',')))).containsExactlyElementsOf(ids);
        var e = c.evaluation().orElseThrow();
        long labelled = c.reports().rows().stream().filter(r -> r.label().faultType().isPresent()).count();
        assertThat(e.total()).isEqualTo((int) labelled);
        assertThat(Files.readString(out.resolve("evaluation.csv"))).startsWith("metric,type,predicted,hits,total,value");
        // Assignment is to clusters, so at least three of the four types turn up among 62 reports.
        assertThat(c.predictions().stream().map(ClusterClassifier.Prediction::type).distinct().count())
                .isGreaterThanOrEqualTo(3);
    }

    @Test
    void withoutLabelsWritesOnlyPredictions() throws IOException {
        List<String> rows = heldBackRows().stream().map(ClassificationTest::dropLastColumn).toList();
        Classification c = Classification.run(model, write("nolabel.csv", rows));
        assertThat(c.labelled()).isFalse();
        assertThat(c.evaluation()).isEmpty();
        Path out = dir.resolve("nolabel-out");
        c.writeTo(out);
        assertThat(Files.exists(out.resolve("predictions.csv"))).isTrue();
        assertThat(Files.exists(out.resolve("evaluation.csv"))).isFalse();
        // The same reports get the same predictions with or without labels: labels are never read.
        assertThat(c.predictions()).isEqualTo(Classification.run(model, write("held2.csv", heldBackRows())).predictions());
    }

    @Test
    void anEmptyLabelIsClassifiedButNotEvaluated() throws IOException {
        List<String> rows = new ArrayList<>(heldBackRows());
        rows.set(1, dropLastColumn(rows.get(1)) + ",");
        Classification c = Classification.run(model, write("one-empty.csv", rows));
        Classification full = Classification.run(model, write("held3.csv", heldBackRows()));
        assertThat(c.predictions()).isEqualTo(full.predictions());
        long labelledBefore = full.evaluation().orElseThrow().total();
        int dropped = full.reports().rows().get(0).label().faultType().isPresent() ? 1 : 0;
        assertThat(c.evaluation().orElseThrow().total()).isEqualTo(labelledBefore - dropped);
    }

    @Test
    void aReportGoesToTheClusterOfLeastAverageGowerDistance() {
        // Brute force over the training data's own distance matrix: the UPGMA criterion.
        DataSet data = trained.data();
        Distances d = Encoding.of(data.rows(), FeatureSet.CAUSE).gower();
        ClusterClassifier c = trained.classifier();
        int[] assignment = trained.main().partition().assignment();
        for (int i = 0; i < data.size(); i += 37) {
            double[] sum = new double[trained.k()];
            int[] n = new int[trained.k()];
            for (int j = 0; j < data.size(); j++) {
                sum[assignment[j]] += d.d(i, j);
                n[assignment[j]]++;
            }
            int best = 0;
            for (int k = 1; k < sum.length; k++) {
                if (sum[k] / n[k] < sum[best] / n[best] - 1e-12) {
                    best = k;
                }
            }
            ClusterClassifier.Prediction p = c.classify(data.rows().get(i));
            assertThat(p.cluster()).isEqualTo(best + 1);
            assertThat(p.distance()).isCloseTo(sum[best] / n[best], org.assertj.core.api.Assertions.within(1e-9));
            assertThat(p.type()).isEqualTo(trained.main().clusters().get(best).type());
        }
    }

    @Test
    void rejectsAnUnknownCodeWithItsLocation() throws IOException {
        List<String> rows = new ArrayList<>(heldBackRows());
        rows.set(3, rows.get(3).replace(",yes,", ",maybe,"));
        Path csv = write("unknown-code.csv", rows);
        assertThatThrownBy(() -> Classification.run(model, csv)).isInstanceOf(DataSetException.class)
                .hasMessageMatching(java.util.regex.Pattern.quote(csv.toString()) + ":4:\\d+: involves_\\w+: 'maybe' is not one of yes, no, unknown");
    }

    @Test
    void rejectsAMissingColumn() throws IOException {
        List<String> rows = heldBackRows().stream().map(l -> removeColumn(l, 6)).toList();
        Path csv = write("no-stage.csv", rows);
        assertThatThrownBy(() -> Classification.run(model, csv)).isInstanceOf(DataSetException.class)
                .hasMessageStartingWith(csv + ":1:1: header: missing required column 'stage'");
    }

    @Test
    void rejectsADuplicatedId() throws IOException {
        List<String> rows = new ArrayList<>(heldBackRows());
        rows.add(rows.get(2));
        Path csv = write("dup.csv", rows);
        assertThatThrownBy(() -> Classification.run(model, csv)).isInstanceOf(DataSetException.class)
                .hasMessageStartingWith(csv + ":" + rows.size() + ":1: id: duplicate id")
                .hasMessageContaining("first on line 3");
    }

    @Test
    void rejectsAModelWithoutClassifier() throws IOException {
        Path old = dir.resolve("old-model.json");
        Files.writeString(old, FaultModelJson.toJson(trained.model()));
        Path csv = write("ok.csv", heldBackRows());
        assertThatThrownBy(() -> Classification.run(old, csv)).isInstanceOf(DataSetException.class)
                .hasMessageStartingWith(old + ": classifier: missing");
        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{\n  \"name\": \"x\",\n  \"classifier\": [1,\n");
        assertThatThrownBy(() -> Classification.run(broken, csv)).isInstanceOf(DataSetException.class)
                .hasMessageStartingWith(broken + ":").hasMessageNotContaining("\n");
    }

    private static String dropLastColumn(String line) {
        return line.substring(0, line.lastIndexOf(','));
    }

    private static String removeColumn(String line, int col) {
        List<String> f = new ArrayList<>(List.of(line.split(",", -1)));
        f.remove(col);
        return f.stream().collect(Collectors.joining(","));
    }
}
