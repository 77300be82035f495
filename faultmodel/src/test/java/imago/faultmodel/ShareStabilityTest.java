package imago.faultmodel;

import imago.faultmodel.data.DataSet;
import imago.faultmodel.data.DataSetLoader;
import imago.faultmodel.data.DataSetSource;
import imago.faultmodel.data.FailureReport;
import imago.model.fault.FaultType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The failure mode: appending 3.5% more reports moved k and swung type shares by tens of
 * points. Here 4% of the reports (drawn at random within each source) are held back, the model is
 * learned on the rest, and then on all; every share of the second must lie inside the first's
 * bootstrap interval.
 */
class ShareStabilityTest {

    static final int RESAMPLES = 40;

    @Test
    void appendingFourPercentOfReportsKeepsEveryShareInsideItsInterval() {
        DataSet all = DataSetLoader.loadResource(DataSetSource.BUNDLED_RESOURCE);
        SplittableRandom rng = new SplittableRandom(2026);
        List<FailureReport> kept = new ArrayList<>();
        for (FailureReport r : all.rows()) {
            if (rng.nextDouble() >= 0.04) {
                kept.add(r);
            }
        }
        assertThat(all.size() - kept.size()).isBetween(30, 70);
        // The part of the pipeline the shares come from (bootstrap, modal k, bagged types), not the
        // cluster-stability bootstrap and held-out folds that the full run adds.
        Options o = Options.defaults().withResamples(RESAMPLES);
        FaultModelPipeline.Bagged before = FaultModelPipeline.bagged(kept, o);
        FaultModelPipeline.Bagged after = FaultModelPipeline.bagged(all.rows(), o);
        ShareBootstrap b = before.bootstrap();
        // The modal k is the stable rule: the same k with and without the 4% (one silhouette
        // maximum moved from 9 to 10 on 3.5% more reports).
        assertThat(after.k()).as("k chosen: before %s, after %s", b.kChosen(), after.bootstrap().kChosen())
                .isEqualTo(before.k());
        assertThat(b.kChosen().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(RESAMPLES);
        Map<String, Map<FaultType, Double>> shares = new java.util.LinkedHashMap<>();
        after.rates().perSource().forEach((s, m) -> shares.put(s.code(), m));
        shares.put(ShareBootstrap.POOLED, after.rates().pooled());
        shares.forEach((src, m) -> {
            for (FaultType t : FaultType.values()) {
                double v = m.getOrDefault(t, 0.0);
                assertThat(v).as("%s type %d (k %d -> %d)", src, t.number(), before.k(), after.k())
                        .isBetween(b.low().get(src).get(t) - 1e-12, b.high().get(src).get(t) + 1e-12);
            }
        });
    }

    @Test
    void theBootstrapIsAFunctionOfDataAndSeed() {
        DataSet all = DataSetLoader.loadResource(DataSetSource.BUNDLED_RESOURCE);
        Options o = Options.defaults().withResamples(4);
        FaultModelPipeline.Bagged a = FaultModelPipeline.bagged(all.rows(), o);
        FaultModelPipeline.Bagged b = FaultModelPipeline.bagged(all.rows(), o);
        assertThat(b.k()).isEqualTo(a.k());
        assertThat(b.bootstrap().votes()).isDeepEqualTo(a.bootstrap().votes());
        assertThat(b.rates()).isEqualTo(a.rates());
        FaultModelPipeline.Bagged c = FaultModelPipeline.bagged(all.rows(), o.withSeed(43));
        assertThat(java.util.Arrays.deepEquals(c.bootstrap().votes(), a.bootstrap().votes())).isFalse();
    }
}
