package imago.faultmodel.learn;

import imago.faultmodel.data.FailureReport;
import imago.faultmodel.data.Feature;
import imago.faultmodel.data.Source;
import imago.faultmodel.data.TypeLabel;
import imago.model.fault.FaultType;
import imago.model.plan.StepKind;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LearnedRatesTest {

    private static FailureReport row(String id, Source s, String stage, String detected) {
        List<String> values = new ArrayList<>();
        for (Feature f : Feature.values()) {
            values.add(f.vocabulary().getFirst());
        }
        values.set(Feature.STAGE.ordinal(), stage);
        values.set(Feature.DETECTED.ordinal(), detected);
        return new FailureReport(id, s, "https://example.org", "x", OptionalInt.empty(), values,
                TypeLabel.UNCLEAR);
    }

    @Test
    void everyStageHasAStep() {
        for (String stage : Feature.STAGE.vocabulary()) {
            assertThat(StageSteps.of(stage)).isNotNull();
        }
    }

    @Test
    void frequenciesWeighSourcesEquallyAndCalibrationMatchesTheOriginalStudy() {
        // bug: 1 report of type 4 (ConvertData); field: 3 reports, types 1 (Configure), 1 (Configure), 3 (Rollback).
        List<FailureReport> rows = List.of(
                row("a", Source.BUG, "data-migration", "later"),
                row("b", Source.FIELD, "configure", "immediately"),
                row("c", Source.FIELD, "configure", "unknown"),
                row("d", Source.FIELD, "rollback", "immediately"));
        FaultType[] types = {FaultType.DATA_ACCESS, FaultType.SIMPLE_CONFIG, FaultType.SIMPLE_CONFIG,
                FaultType.BROKEN_ENVIRONMENT};
        ReferenceUpgrade ref = ReferenceUpgrade.threeTierInPlace();
        LearnedRates r = LearnedRates.learn(rows, types, ref);

        assertThat(r.perSource().get(Source.BUG).get(FaultType.DATA_ACCESS)).isEqualTo(1.0);
        assertThat(r.perSource().get(Source.FIELD).get(FaultType.SIMPLE_CONFIG)).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(r.pooled().get(FaultType.DATA_ACCESS)).isCloseTo(0.5, within(1e-12));
        assertThat(r.pooled().get(FaultType.SIMPLE_CONFIG)).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(r.pooled().get(FaultType.BROKEN_ENVIRONMENT)).isCloseTo(1.0 / 6, within(1e-12));
        assertThat(r.stepShares().get(FaultType.BROKEN_ENVIRONMENT)).containsEntry(StepKind.ROLLBACK, 1.0);

        double mu1 = -Math.log1p(-r.perUpgrade().get(FaultType.SIMPLE_CONFIG));
        double mu4 = -Math.log1p(-r.perUpgrade().get(FaultType.DATA_ACCESS));
        assertThat(mu1 + mu4).isCloseTo(-Math.log(1 - 0.152) - Math.log(1 - 0.168), within(1e-12));
        assertThat(mu4 / mu1).isCloseTo(0.5 / (1.0 / 3), within(1e-9));
        // Rollback is not part of the reference upgrade: it does not count towards the calibration.
        assertThat(r.perUpgrade().get(FaultType.BROKEN_ENVIRONMENT)).isZero();
        assertThat(r.stepProbability().get(StepKind.ROLLBACK).get(FaultType.BROKEN_ENVIRONMENT)).isPositive();

        // Per-upgrade rate = 1 - product over executions of (1 - p).
        double survive = Math.pow(1 - r.stepProbability().get(StepKind.CONFIGURE).get(FaultType.SIMPLE_CONFIG),
                ref.executionsOf(StepKind.CONFIGURE));
        assertThat(1 - survive).isCloseTo(r.perUpgrade().get(FaultType.SIMPLE_CONFIG), within(1e-12));

        assertThat(r.detectedLater().get(FaultType.DATA_ACCESS)).isEqualTo(1.0);
        assertThat(r.detectedLater().get(FaultType.SIMPLE_CONFIG)).isZero();
    }

    @Test
    void refusesACalibrationThatWouldNeedProbabilitiesAboveOne() {
        // One type 4 report among 400 type 3 ones, all at Start: matching the original study's
        // type 1 + 4 rate would need far more than one fault per Start execution.
        List<FailureReport> rows = new ArrayList<>();
        List<FaultType> types = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            rows.add(row("s" + i, Source.FIELD, "start", "immediately"));
            types.add(i == 0 ? FaultType.DATA_ACCESS : FaultType.BROKEN_ENVIRONMENT);
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LearnedRates.learn(rows,
                        types.toArray(FaultType[]::new), ReferenceUpgrade.threeTierInPlace()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("cannot calibrate: Start faults would need probability");
    }
}
