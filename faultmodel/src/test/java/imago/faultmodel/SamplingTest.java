package imago.faultmodel;

import imago.faultmodel.data.DataSetLoader;
import imago.faultmodel.data.DataSetSource;
import imago.faultmodel.learn.ReferenceUpgrade;
import imago.model.fault.FaultModel;
import imago.model.fault.FaultType;
import imago.model.plan.StepKind;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Injecting faults by the learned model's per-step probabilities reproduces the proportions the
 * model states. Each comparison allows the half-width of a 99.9% normal confidence interval of
 * the simulated estimate (z = 3.29 standard errors).
 */
class SamplingTest {

    private static final double Z = 3.29;
    private static final int UPGRADES = 40_000;

    @Test
    void drawingFromTheModelReproducesItsRates() {
        PipelineResult r = FaultModelPipeline.run(DataSetLoader.loadResource(DataSetSource.BUNDLED_RESOURCE),
                Options.defaults().withResamples(0));
        FaultModel m = r.model();
        ReferenceUpgrade ref = r.options().reference();
        int types = FaultType.values().length;
        int[] upgradesWith = new int[types];
        long[] faults = new long[types];
        double[] expectedFaults = new double[types];
        double[] faultVariance = new double[types];
        for (StepKind k : StepKind.values()) {
            if (ref.runs(k)) {
                for (FaultType t : FaultType.values()) {
                    double p = m.probability(k, t);
                    expectedFaults[t.ordinal()] += UPGRADES * ref.executionsOf(k) * p;
                    faultVariance[t.ordinal()] += UPGRADES * ref.executionsOf(k) * p * (1 - p);
                }
            }
        }
        SplittableRandom rng = new SplittableRandom(2024);
        for (int u = 0; u < UPGRADES; u++) {
            boolean[] hit = new boolean[types];
            for (StepKind k : StepKind.values()) {
                if (!ref.runs(k)) {
                    continue;
                }
                for (int e = 0; e < ref.executionsOf(k); e++) {
                    // One draw per target execution yields at most one fault (FaultModel's contract).
                    double x = rng.nextDouble();
                    double cum = 0;
                    for (FaultType t : FaultType.values()) {
                        cum += m.probability(k, t);
                        if (x < cum) {
                            faults[t.ordinal()]++;
                            hit[t.ordinal()] = true;
                            break;
                        }
                    }
                }
            }
            for (int t = 0; t < types; t++) {
                upgradesWith[t] += hit[t] ? 1 : 0;
            }
        }
        for (FaultType t : FaultType.values()) {
            double stated = r.validation().get("perUpgrade.type" + t.number());
            double seen = (double) upgradesWith[t.ordinal()] / UPGRADES;
            double margin = Z * Math.sqrt(stated * (1 - stated) / UPGRADES);
            assertThat(seen).as("share of upgrades with a type %d fault", t.number())
                    .isBetween(stated - margin, stated + margin);
            double sd = Math.sqrt(faultVariance[t.ordinal()]);
            assertThat((double) faults[t.ordinal()]).as("type %d faults injected", t.number())
                    .isBetween(expectedFaults[t.ordinal()] - Z * sd, expectedFaults[t.ordinal()] + Z * sd);
        }
        // Types 1 and 4 must actually occur: the calibration targets them.
        assertThat(upgradesWith[FaultType.SIMPLE_CONFIG.ordinal()] + upgradesWith[FaultType.DATA_ACCESS.ordinal()])
                .isPositive();
    }
}
