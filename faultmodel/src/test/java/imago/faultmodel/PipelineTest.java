package imago.faultmodel;

import imago.faultmodel.data.DataSet;
import imago.faultmodel.data.DataSetLoader;
import imago.faultmodel.data.DataSetSource;
import imago.faultmodel.data.FailureReport;
import imago.faultmodel.data.TypeLabel;
import imago.model.fault.FaultModel;
import imago.model.fault.FaultModelJson;
import imago.model.fault.FaultType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The whole pipeline on the committed data set. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PipelineTest {

    private DataSet data;
    private PipelineResult atFour;

    @BeforeAll
    void run() {
        data = DataSetLoader.loadResource(DataSetSource.BUNDLED_RESOURCE);
        atFour = FaultModelPipeline.run(data, Options.defaults().withK(4));
    }

    @Test
    void findsFourClustersMappedOntoTheFourTypes() {
        ClusterResult r = atFour.main();
        assertThat(r.k()).isEqualTo(4);
        assertThat(r.clusters()).hasSize(4);
        EnumSet<FaultType> types = EnumSet.noneOf(FaultType.class);
        r.clusters().forEach(c -> types.add(c.type()));
        assertThat(types).containsExactlyInAnyOrder(FaultType.values());
        assertThat(r.clusters().stream().mapToInt(ClusterSummary::size).sum()).isEqualTo(data.size());
        for (ClusterSummary c : r.clusters()) {
            assertThat(c.size()).isGreaterThanOrEqualTo((int) Math.ceil(0.02 * data.size()));
            assertThat(c.purity()).isBetween(0.0, 1.0);
            assertThat(c.stability()).isPresent();
            assertThat(c.stability().getAsDouble()).isBetween(0.0, 1.0);
            assertThat(c.name()).isNotBlank();
        }
        assertThat(atFour.atFour()).isSameAs(atFour.main());
    }

    @Test
    void purityIsTheShareOfLabelledReportsWhoseLabelIsTheClusterType() {
        ClusterResult r = atFour.main();
        for (ClusterSummary c : r.clusters()) {
            int labelled = 0;
            int match = 0;
            for (int i = 0; i < data.size(); i++) {
                if (r.partition().cluster(i) == c.number() - 1 && data.rows().get(i).label().faultType().isPresent()) {
                    labelled++;
                    match += data.rows().get(i).label().faultType().get() == c.type() ? 1 : 0;
                }
            }
            assertThat(c.labelled()).isEqualTo(labelled);
            assertThat(c.purity()).isCloseTo((double) match / labelled, within(1e-12));
        }
    }

    @Test
    void autoPicksTheBestSilhouetteFromFourUpAndKeepsTheWholeCurve() {
        PipelineResult auto = FaultModelPipeline.run(data, Options.defaults().withResamples(0));
        var curve = auto.silhouette().get(Method.UPGMA);
        assertThat(curve.keySet()).containsExactly(2, 3, 4, 5, 6, 7, 8, 9, 10);
        assertThat(auto.silhouette().get(Method.KMODES)).hasSize(9);
        assertThat(auto.kAuto()).isTrue();
        double best = curve.tailMap(4).values().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        assertThat(curve.get(auto.k())).isEqualTo(best);
        assertThat(auto.atFour().k()).isEqualTo(4);
        assertThat(auto.validation()).containsKeys("silhouette.bestK", "k", "cophenetic", "ari.labels",
                "agreement.ari", "k4.ari.labels", "baseRate");
    }

    @Test
    void theModelIsValidAndRoundTripsThroughJson(@TempDir Path dir) throws IOException {
        FaultModel m = atFour.model();
        assertThat(m.name()).isEqualTo("learned");
        assertThat(m.datasetSha256()).hasValue(data.sha256());
        assertThat(m.frequencies()).containsOnlyKeys("bug", "operator", "field", "pooled");
        for (Map<FaultType, Double> f : m.frequencies().values()) {
            assertThat(f.values().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(1.0, within(1e-9));
        }
        assertThat(m.isEmpty()).isFalse();
        atFour.writeTo(dir);
        assertThat(FaultModelJson.read(dir.resolve("fault-model.json"))).isEqualTo(m);
    }

    @Test
    void calibrationReproducesTheOriginalStudysCombinedTypeOneAndFourRate() {
        Map<String, Double> v = atFour.validation();
        double mu = -Math.log1p(-v.get("perUpgrade.type1")) - Math.log1p(-v.get("perUpgrade.type4"));
        assertThat(mu).isCloseTo(-Math.log(1 - 0.152) - Math.log(1 - 0.168), within(1e-9));
    }

    @Test
    void writesEveryFileWithOneRowPerReportOrMerge(@TempDir Path dir) throws IOException {
        atFour.writeTo(dir);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("fault-model.json",
                    "clusters.csv", "validation.csv", "silhouette.csv", "dendrogram.csv", "prevalence.csv",
                    "frequencies.csv", "steps.csv", "summary.txt", "heldout.csv", "shares.csv");
        }
        assertThat(Files.readAllLines(dir.resolve("clusters.csv"))).hasSize(data.size() + 1);
        assertThat(Files.readAllLines(dir.resolve("dendrogram.csv"))).hasSize(data.size());
        assertThat(Files.readString(dir.resolve("frequencies.csv"))).contains("original-study,original,1,,0.152000");
        String summary = atFour.summaryTable();
        assertThat(summary).contains("15.2%").contains("16.8%").contains("clusters at k = 4");
        assertThat(Files.readString(dir.resolve("summary.txt"))).isEqualTo(summary);
    }

    @Test
    void sameDataAndSeedGiveIdenticalFiles(@TempDir Path dir) throws IOException {
        Options o = Options.defaults().withResamples(10).withMethod(Method.KMODES).withK(5);
        FaultModelPipeline.run(data, o).writeTo(dir.resolve("a"));
        FaultModelPipeline.run(data, o).writeTo(dir.resolve("b"));
        try (Stream<Path> files = Files.list(dir.resolve("a"))) {
            for (Path f : files.toList()) {
                assertThat(Files.readAllBytes(dir.resolve("b").resolve(f.getFileName())))
                        .as(f.getFileName().toString()).isEqualTo(Files.readAllBytes(f));
            }
        }
    }

    @Test
    void labelsOnlyValidate() {
        // Shuffle the labels among the reports: the clusters, their types and the model's
        // probabilities must not move; only the agreement with the labels may.
        List<TypeLabel> labels = new ArrayList<>(data.rows().stream().map(FailureReport::label).toList());
        Collections.shuffle(labels, new Random(3));
        List<FailureReport> shuffled = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            FailureReport r = data.rows().get(i);
            shuffled.add(new FailureReport(r.id(), r.source(), r.sourceRef(), r.system(), r.year(), r.values(),
                    labels.get(i)));
        }
        Options o = Options.defaults().withK(4).withResamples(0);
        PipelineResult a = FaultModelPipeline.run(data, o);
        PipelineResult b = FaultModelPipeline.run(new DataSet(data.name(), shuffled, data.sha256()), o);
        assertThat(b.main().partition()).isEqualTo(a.main().partition());
        assertThat(b.main().types()).containsExactly(a.main().types());
        assertThat(b.model().stepProbabilities()).isEqualTo(a.model().stepProbabilities());
        assertThat(b.main().ariLabels()).isNotEqualTo(a.main().ariLabels());
    }

    @Test
    void defaultDataSetIsTheCommittedFileInACheckoutAndTheBundledCopyElsewhere(@TempDir Path elsewhere) {
        DataSetSource inCheckout = DataSetSource.defaultFor(Path.of(""));
        if (Files.exists(Path.of("..", "datasets", "upgrade-failures.csv"))) {
            assertThat(inCheckout).isInstanceOf(DataSetSource.File.class);
            assertThat(inCheckout.load().sha256()).isEqualTo(data.sha256());
        }
        assertThat(DataSetSource.defaultFor(elsewhere))
                .isEqualTo(new DataSetSource.Bundled(DataSetSource.BUNDLED_RESOURCE));
    }

    @Test
    void refusesToClusterTooFewReports() {
        DataSet tiny = new DataSet("tiny.csv", data.rows().subList(0, 4), "x");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> FaultModelPipeline.run(tiny, Options.defaults()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("tiny.csv: need at least 5 reports to cluster, got 4");
    }
}
