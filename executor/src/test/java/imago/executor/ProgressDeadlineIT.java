package imago.executor;

import imago.model.experiment.Experiment;
import imago.model.experiment.Scenario;
import imago.model.metrics.Outcome;
import imago.model.metrics.RunResult;
import imago.model.strategy.Strategy;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The executor honours a rolling plan's progress deadline as the simulator does
 * (sim's ProgressDeadlineTest): a deadline of 1 plan second is shorter than any batch of real
 * steps, so it passes; it is reported, and with abort the rollout is rolled back.
 */
class ProgressDeadlineIT {

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "progressDeadlineAbort {0}")
    @ValueSource(booleans = {false, true})
    void aRolloutSlowerThanItsDeadline(boolean abort) throws Exception {
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
