package imago.experiments.simvsreal;

import imago.model.config.ExperimentLoader;
import imago.model.experiment.Experiment;
import imago.model.fault.FaultType;
import imago.model.plan.StepKind;
import imago.model.upgrade.SchemaChange;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A miss's step cause compares each real step with what the calibrated simulator takes for that
 * same step, not with the plain step time: a conversion that skipped a table, a database's
 * rollback and the Start of a node carrying a fault each take their own time in the simulator.
 */
class CausesTest {

    private final Experiment bidding = ExperimentLoader.load(Path.of("configs/paper/sim-vs-real.yaml"));

    private static RunLogs.StepRow step(StepKind k, String universe, String targets, double s, String status, String detail) {
        return new RunLogs.StepRow(k, universe, List.of(targets.split(" ")), s, status, detail);
    }

    /** A rolling run with a type 1 fault on app-2's Configure and a skipped ITEMS step. */
    private final RunLogs run = new RunLogs("rolling-type1", 0, List.of(
            step(StepKind.CONVERT_DATA, "production", "db-1", 10.0, "ok",
                    "1000000 rows converted in 10.00 s (100000 rows/s), online, swaps: BIDS 1000000 rows at 9.90 s, skipped [ITEMS]"),
            step(StepKind.CONFIGURE, "production", "app-2", 0.01, "ok", ""),
            step(StepKind.START, "production", "app-2", 13.0, "ok", "started [app-2] and put in rotation"),
            step(StepKind.START, "production", "app-3", 1.6, "ok", "started [app-3] and put in rotation"),
            step(StepKind.ROLLBACK, "production", "db-1", 8.0, "ok",
                    "rolled back to v1 (1000000 rows converted back to v1 [BIDS 1000000]): step 3 failed"),
            step(StepKind.ROLLBACK, "production", "app-3", 0.6, "ok", "rolled back to v1")), List.of(0.005), Map.of());

    /** A fault-free run, whose steps set the step times and rates (row costs 1: ITEMS swaps at its share of the rows). */
    private final RunLogs faultFree = new RunLogs("rolling", 0, List.of(
            step(StepKind.CONVERT_DATA, "production", "db-1", 12.0, "ok",
                    "1200000 rows converted in 12.00 s (100000 rows/s), online, swaps: ITEMS 200000 rows at 2.00 s; BIDS 1000000 rows at 12.00 s"),
            step(StepKind.CONFIGURE, "production", "app-2", 0.01, "ok", ""),
            step(StepKind.START, "production", "app-2", 1.6, "ok", "started [app-2] and put in rotation")), List.of(0.005), Map.of());

    private final Calibration calibration = Calibration.of(bidding, List.of(faultFree, run));
    private final Experiment calibrated = calibration.apply(bidding);
    private final Causes causes = new Causes(calibrated, calibration);
    private final SchemaChange schema = calibrated.upgrade().schema().orElseThrow();

    @Test
    void aConversionThatSkippedATableIsComparedWithoutIt() {
        double whole = schema.rows() / schema.conversionRate();
        double modelled = causes.modelled(run.steps().get(0), Optional.empty(), 1).orElseThrow();
        assertThat(modelled).isCloseTo(whole * (1 - schema.costShare(List.of("items"))), within(1e-9));
        assertThat(modelled).isLessThan(whole);
    }

    @Test
    void aDatabaseRollbackIsTheTablesItConvertedBack() {
        double modelled = causes.modelled(run.steps().get(4), Optional.empty(), 1).orElseThrow();
        assertThat(modelled).isCloseTo(schema.rollbackSeconds() * schema.costShare(List.of("BIDS")), within(1e-9));
        // A node's rollback is the step time.
        assertThat(causes.modelled(run.steps().get(5), Optional.empty(), 1).orElseThrow())
                .isEqualTo(calibrated.upgrade().stepTimes().get(StepKind.ROLLBACK).mean());
    }

    @Test
    void theStartOfAFaultyNodeTakesItsTypesStartAndAStartInProductionItsReadiness() {
        Map<Integer, FaultType> faulty = Calibration.faultyStarts(bidding, run);
        assertThat(faulty).containsExactly(Map.entry(2, FaultType.SIMPLE_CONFIG));
        double readiness = Calibration.readinessS(bidding, "rolling-type1");
        assertThat(readiness).isEqualTo(1.0);
        // Measured from the faulty run's Start: 13 s less the readiness delay.
        assertThat(calibrated.upgrade().faultyStartTimes().get(FaultType.SIMPLE_CONFIG).mean()).isCloseTo(12.0, within(1e-9));
        assertThat(causes.modelled(run.steps().get(2), Optional.of(FaultType.SIMPLE_CONFIG), readiness).orElseThrow())
                .isCloseTo(13.0, within(1e-9));
        assertThat(causes.modelled(run.steps().get(3), Optional.empty(), readiness).orElseThrow())
                .isCloseTo(calibrated.upgrade().stepTimes().get(StepKind.START).mean() + 1, within(1e-9));
    }

    @Test
    void stepsTheSimulatorTakesAsTheyRanAreNotNamedAsACause() {
        // The faulty Start (13 s against a plain Start's 0.6 + 1), the skipped conversion (10 s
        // against the whole one's 12) and the rollback of BIDS alone are what the simulator takes
        // for them: none is the step that departs most, though each is far from the plain step time.
        String cause = causes.steps(List.of(new RealRuns.Run("rolling-type1", 0, "rolled-back", Map.of(), List.of(), run)));
        assertThat(cause).startsWith("step ").doesNotContain("step Start").doesNotContain("step ConvertData")
                .doesNotContain("step Rollback");
    }
}
