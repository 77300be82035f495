package imago.faultmodel;

import imago.faultmodel.cluster.Distances;
import imago.faultmodel.cluster.Encoding;
import imago.faultmodel.cluster.FeatureSet;
import imago.faultmodel.data.DataSet;
import imago.faultmodel.data.DataSetLoader;
import imago.faultmodel.data.DataSetSource;
import imago.faultmodel.data.FailureReport;
import imago.faultmodel.data.TypeLabel;
import imago.model.fault.FaultType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HeldOutTest {

    private DataSet data;
    private Distances d;
    private HeldOut h;
    private final Options o = Options.defaults().withResamples(0);

    @BeforeAll
    void run() {
        data = DataSetLoader.loadResource(DataSetSource.BUNDLED_RESOURCE);
        d = Encoding.of(data.rows(), FeatureSet.CAUSE).gower();
        h = HeldOut.run(data.rows(), d, o, 9, HeldOut.DEFAULT_FOLDS);
    }

    @Test
    void foldsAreBalancedWithinEachSourceAndLabel() {
        int[] fold = HeldOut.folds(data.rows(), 10, 42);
        int[] size = new int[10];
        for (int f : fold) {
            size[f]++;
        }
        for (int s : size) {
            assertThat(s).isBetween(data.size() / 10 - 1, data.size() / 10 + 2);
        }
        assertThat(HeldOut.folds(data.rows(), 10, 42)).isEqualTo(fold);
    }

    @Test
    void everyLabelledReportIsPredictedOnceByEveryPredictor() {
        long labelled = data.rows().stream().filter(r -> r.label().faultType().isPresent()).count();
        for (String p : HeldOut.PREDICTORS) {
            assertThat(h.get(p, "pooled").total()).as(p).isEqualTo((int) labelled);
            int bySource = h.evaluations().get(p).entrySet().stream().filter(e -> !e.getKey().equals("pooled"))
                    .mapToInt(e -> e.getValue().total()).sum();
            assertThat(bySource).as(p).isEqualTo((int) labelled);
        }
    }

    @Test
    void theUnsupervisedPredictionsDoNotReadTheLabels() {
        // Same reports and folds, labels shuffled: the clusters and the signature rule, and so
        // their predictions, cannot move; the supervised tree's must.
        List<TypeLabel> labels = new ArrayList<>(data.rows().stream().map(FailureReport::label).toList());
        Collections.shuffle(labels, new Random(7));
        List<FailureReport> shuffled = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            FailureReport r = data.rows().get(i);
            shuffled.add(new FailureReport(r.id(), r.source(), r.sourceRef(), r.system(), r.year(), r.values(),
                    labels.get(i)));
        }
        int[] fold = HeldOut.folds(data.rows(), 5, 42);
        FaultType[][] a = HeldOut.predict(data.rows(), d, o, 9, fold, 5);
        FaultType[][] b = HeldOut.predict(shuffled, d, o, 9, fold, 5);
        assertThat(b[0]).isEqualTo(a[0]);
        assertThat(b[1]).isEqualTo(a[1]);
        assertThat(b[2]).isEqualTo(a[2]);
        assertThat(b[3]).isNotEqualTo(a[3]);
    }
}
