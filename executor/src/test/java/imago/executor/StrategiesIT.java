package imago.executor;

import imago.model.experiment.Experiment;
import imago.model.experiment.Scenario;
import imago.model.metrics.Outcome;
import imago.model.metrics.RunResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Each strategy's compiled plan, run for real on small data. */
class StrategiesIT {

    @TempDir
    Path tmp;

    private ExecutorRun run(String scenario) throws InterruptedException {
        Experiment e = Bidding.shortened(1, 2);
        Scenario s = Bidding.scenario(e, scenario);
        ExecutorOptions o = ExecutorOptions.defaults(tmp.resolve("out-" + scenario)).withData(DataSize.small())
                .withWorkRoot(tmp.resolve("work")).withTimeScale(0.3)
                .withProgress(ev -> System.out.println("[" + scenario + "] " + ev));
        ExecutorRun r = Executor.run(e, s, Bidding.plan(e, s), o);
        System.out.println(r.result());
        return r;
    }

    @Test
    void inPlaceStopsServiceOnPurposeAndLosesNothing() throws Exception {
        RunResult r = run("in-place").result();
        assertThat(r.outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(r.lostWrites()).isZero();
        assertThat(r.plannedUnavailableS()).isGreaterThan(0);
    }

    /**
     * No downtime, asserted as what does not depend on the machine's speed: no request failed with
     * an error (only a loaded machine's time-outs, measured in the availability printed above, or
     * the switch's planned hold), nothing stopped on purpose, nothing lost, never two versions.
     */
    @Test
    void imagoUpgradesWithoutDowntimeOrLostWrites() throws Exception {
        ExecutorRun run = run("imago");
        RunResult r = run.result();
        assertThat(r.outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(r.lostWrites()).isZero();
        assertThat(r.mixedVersionS()).isZero();
        assertThat(Bidding.errorsBesidesSlowness(run.requestLog())).isEmpty();
        assertThat(r.resourceCost()).isGreaterThan(1.0);
    }

    @Test
    void rollingMixesVersionsAndBreaksOldNodesOnTheNewSchema() throws Exception {
        RunResult r = run("rolling").result();
        assertThat(r.outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(r.mixedVersionS()).isGreaterThan(0);
        assertThat(r.unplannedUnavailableS()).isGreaterThan(0);
    }

    @Test
    void blueGreenRefusesWritesWhileItsCopyConverts() throws Exception {
        RunResult r = run("blue-green").result();
        assertThat(r.outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(r.lostWrites()).isZero();
        assertThat(r.mixedVersionS()).isZero();
    }
}
