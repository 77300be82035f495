package imago.executor;

import imago.model.fault.FaultInjection;
import imago.model.metrics.Outcome;
import imago.model.metrics.RunResult;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One real fault of each type: in-place and rolling upgrades expose production to it and roll
 * back ({@link ImagoFaultsIT}: Imago catches the same faults before its switch).
 */
class FaultsIT {

    @TempDir
    Path tmp;

    private ExecutorRun run(String scenario, FaultInjection fault) throws InterruptedException {
        return Bidding.runWithFault(tmp, scenario, fault);
    }

    @ParameterizedTest(name = "type {0} at {1} on {2} reaches production in {3}")
    @CsvSource({
        "1, Configure, app-2, rolling",
        "2, Configure, app-1, in-place",
        "3, Start, app-2, in-place",
        "3, Install, app-1, in-place",
        "4, ConvertData, db-1, in-place",
    })
    void inPlaceAndRollingExposeProduction(int type, String step, String target, String scenario) throws Exception {
        ExecutorRun run = run(scenario, FaultInjection.of(type, step, target));
        RunResult r = run.result();
        assertThat(r.faultsInjected()).isEqualTo(1);
        assertThat(r.faultsReachedProduction()).isEqualTo(1);
        assertThat(r.faultsCaught()).isZero();
        assertThat(r.outcome()).isEqualTo(Outcome.ROLLED_BACK);
        assertThat(r.unplannedUnavailableS()).isGreaterThan(0);
        assertThat(r.blastRadius()).as("production requests the fault failed").isPositive();
        // Detected by the monitor (else by a failing step, which leaves it empty): after the fault served.
        assertThat(Double.isNaN(r.timeToDetectS()) || r.timeToDetectS() > 0).as("time to detect " + r.timeToDetectS()).isTrue();
        System.out.printf("FaultsIT type %d at %s on %s, %s: time_to_detect_s %s, blast_radius %d%n", type, step, target,
                scenario, r.timeToDetectS(), r.blastRadius());
        if (scenario.equals("in-place")) {
            // Offline conversions lose nothing; a rolling upgrade's online in-place conversion may
            // lose a write made between its catch-up and its table swap (measured, not asserted).
            assertThat(r.lostWrites()).isZero();
        }
        if (type == 4) {
            // The rollback converts back only what the conversion converted: the ITEMS step it
            // skipped is not redone first (it would be converted forward only to go back).
            List<String> dataRollbacks = java.nio.file.Files.readAllLines(run.stepLog()).stream()
                    .filter(l -> l.contains(",Rollback,") && l.contains("rows converted back")).toList();
            assertThat(dataRollbacks).singleElement().satisfies(l -> {
                assertThat(l).contains("[BIDS ");
                assertThat(l).doesNotContain("ITEMS ");
            });
        }
        if (type == 3 && step.equals("Install")) {
            // The conflicting jar's effect as production saw it: v2 on that node answered 500,
            // the old Gson lacking the method v2 calls.
            List<String> conflicts = Bidding.requestLines(run.requestLog()).stream()
                    .filter(l -> l.contains(",500,v2,production/" + target + ",") && l.contains("library conflict")
                            && l.contains("NoSuchMethodError"))
                    .toList();
            assertThat(conflicts).as("requests failed by the library conflict").isNotEmpty();
        }
    }
}
