package imago.sim;

import imago.model.experiment.Experiment;
import imago.model.experiment.FaultSpec;
import imago.model.experiment.Scenario;
import imago.model.fault.FaultModel;
import imago.model.metrics.Outcome;
import imago.model.metrics.RunResult;
import imago.model.strategy.Strategy;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The progress deadline on three-tier's rolling upgrade: a batch (drain, stop, install, configure,
 * start and readiness) takes over a minute between two new nodes becoming ready, so a 30 s deadline
 * passes, and a generous one does not; with abort the rollout is rolled back.
 */
class ProgressDeadlineTest {

    private static RunResult run(double deadlineS, boolean abort) {
        Experiment e = Fixtures.withoutLibraries(Fixtures.withoutAsync(Fixtures.withRate(Fixtures.compatible(Fixtures.threeTier()), 40)));
        Strategy.Rolling base = new Strategy.Rolling(1, 0, 10, 0, false);
        Strategy.Rolling r = new Strategy.Rolling(base.maxSurge(), base.maxUnavailable(), 10, 0, false, deadlineS, abort);
        return Simulation.run(Fixtures.input(e, new Scenario("rolling", r, new FaultSpec.None()), FaultModel.none()), 0);
    }

    @Test
    void aRolloutSlowerThanItsDeadlineIsReportedAndGoesOn() {
        RunResult late = run(30, false);
        assertThat(late.progressDeadlineExceeded()).isTrue();
        assertThat(late.outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(late.values()).containsEntry("progress_deadline_exceeded", 1.0);
        assertThat(run(3600, false).progressDeadlineExceeded()).isFalse();
    }

    @Test
    void withAbortItIsRolledBack() {
        RunResult aborted = run(30, true);
        assertThat(aborted.progressDeadlineExceeded()).isTrue();
        assertThat(aborted.outcome()).isEqualTo(Outcome.ROLLED_BACK);
        assertThat(run(3600, true).outcome()).isEqualTo(Outcome.SUCCESS);
    }
}
