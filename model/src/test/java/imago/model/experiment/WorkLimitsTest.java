package imago.model.experiment;

import imago.model.config.ExperimentLoader;
import imago.model.config.ExperimentLoaderTest;
import org.junit.jupiter.api.Test;

import java.util.Collections;

import static org.assertj.core.api.Assertions.assertThat;

class WorkLimitsTest {

    private static Experiment small(String from, String to) {
        return ExperimentLoader.parse("small.yaml", ExperimentLoaderTest.VALID.replace(from, to));
    }

    @Test
    void theSmallConfigFitsTheDefaults() {
        assertThat(WorkLimits.defaults().exceeded(small("", ""))).isEmpty();
    }

    @Test
    void aHugeRateIsRefusedWithItsEstimate() {
        // 1e12 requests/s over a window of at least 120 s, 2 scenarios x 3 replications.
        assertThat(WorkLimits.defaults().exceeded(small("{rate: 50}", "{rate: 1e12}"))).hasValueSatisfying(m -> assertThat(m)
                .startsWith("this run would take about ").contains("e+15 simulated requests, over the limit of 1.0e+09")
                .endsWith("run again with --force (or raise the limit with --max-requests N)"));
    }

    @Test
    void aMillionPointSweepIsRefusedWithoutExpandingIt() {
        String coverages = String.join(", ", Collections.nCopies(1000, "0.5"));
        String rates = String.join(", ", Collections.nCopies(1000, "50"));
        Experiment e = small("seed: 7", "seed: 7\nsweeps: {imago.testCoverage: [" + coverages + "], workload.rate: [" + rates + "]}");
        // imago: 10^6 points; rolling: 10^3 (testCoverage does not apply to it); 3 replications each.
        assertThat(WorkLimits.runs(e)).isEqualTo((1e6 + 1e3) * 3);
        assertThat(WorkLimits.defaults().exceeded(e)).hasValueSatisfying(m -> assertThat(m)
                .contains("about 3.0e+06 runs, over the limit of 100,000").contains("--max-runs N"));
    }

    @Test
    void aTrillionUsersIsRefusedOnTheExecutorOnly() {
        Experiment e = small("seed: 7", "seed: 7\nexecutor: {data: {users: 1000000000000}}");
        assertThat(WorkLimits.defaults().exceeded(e)).isEmpty();
        Experiment real = e.withRun(e.scenarios(), e.replications(), e.seed(), "executor");
        assertThat(WorkLimits.defaults().exceeded(real)).hasValueSatisfying(m -> assertThat(m)
                .contains("database rows per run, over the limit of 1.0e+08").contains("--max-rows N"));
    }

    @Test
    void higherLimitsLetItThrough() {
        assertThat(new WorkLimits(1e9, 1e18, 1e13).exceeded(small("{rate: 50}", "{rate: 1e12}"))).isEmpty();
    }
}
