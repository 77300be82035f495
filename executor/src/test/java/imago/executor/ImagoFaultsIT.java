package imago.executor;

import imago.model.fault.FaultInjection;
import imago.model.metrics.Outcome;
import imago.model.metrics.RunResult;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One real fault of each type, caught by Imago in the parallel universe before the switch (and
 * repaired there): production never sees it ({@link FaultsIT}: in-place and rolling expose it).
 * A class of its own so failsafe's two forks share the fault runs evenly.
 */
class ImagoFaultsIT {

    @TempDir
    Path tmp;

    private RunResult run(String scenario, FaultInjection fault) throws InterruptedException {
        return Bidding.runWithFault(tmp, scenario, fault).result();
    }

    @ParameterizedTest(name = "type {0} at {1} on {2} is caught by Imago")
    @CsvSource({
        "1, Configure, app-2",
        "2, Configure, app-1",
        "3, Start, app-2",
        "3, Install, app-2",
        "4, ConvertData, db-1",
    })
    void imagoCatchesEveryTypeBeforeTheSwitch(int type, String step, String target) throws Exception {
        RunResult r = run("imago", FaultInjection.of(type, step, target));
        assertThat(r.faultsInjected()).isEqualTo(1);
        assertThat(r.faultsCaught()).isEqualTo(1);
        assertThat(r.faultsReachedProduction()).isZero();
        assertThat(r.faultsEscaped()).isZero();
        assertThat(r.outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(r.unplannedUnavailableS()).isLessThan(0.5);
        assertThat(r.lostWrites()).isZero();
    }
}
