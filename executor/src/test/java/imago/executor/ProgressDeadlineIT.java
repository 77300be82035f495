package imago.executor;

import imago.model.experiment.Experiment;
import imago.model.experiment.Scenario;
import imago.model.metrics.Outcome;
import imago.model.metrics.RunResult;
import imago.model.strategy.Strategy;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The executor honours a rolling plan's progress deadline as the simulator does
 * (sim's ProgressDeadlineTest): a deadline of 1 plan second is shorter than any batch of real
 * steps, so it passes; it is reported, and with abort the rollout is rolled back. Only the abort
 * runs here (one real run keeps verify's time): the report-only case differs by the flag alone,
 * which the model's ProgressDeadline.Watch decides for both backends and the simulator's test covers.
 */
class ProgressDeadlineIT {

    @TempDir
    Path tmp;

    @Test
    void aRolloutSlowerThanItsDeadlineIsReportedAndRolledBack() throws Exception {
        boolean abort = true;
        Experiment e = Bidding.shortened(1, 2);
        Strategy.Rolling r = (Strategy.Rolling) Bidding.scenario(e, "rolling").strategy();
        Strategy.Rolling late = new Strategy.Rolling(r.maxSurge(), r.maxUnavailable(), r.readinessDelayS(), r.pauseS(),
                r.abortOnFault(), 1, abort);
        Scenario s = Bidding.scenario(e, "rolling").withStrategy(late);
        ExecutorOptions o = ExecutorOptions.defaults(tmp.resolve("out")).withData(DataSize.small())
                .withWorkRoot(tmp.resolve("work")).withTimeScale(0.3)
                .withProgress(ev -> System.out.println("[deadline " + abort + "] " + ev));
        RunResult result = Executor.run(e, s, Bidding.plan(e, s), o).result();
        assertThat(result.progressDeadlineExceeded()).isTrue();
        assertThat(result.outcome()).isEqualTo(abort ? Outcome.ROLLED_BACK : Outcome.SUCCESS);
    }
}
