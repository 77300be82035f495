package imago.executor.run;

import imago.executor.DataSize;
import imago.executor.load.LoadGenerator;
import imago.model.config.ExperimentLoader;
import imago.model.experiment.Experiment;
import imago.model.health.MonitorRule;
import imago.model.plan.Universe;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The experiment's monitor: section is the rule the run's production monitor and verdict apply. */
class ProductionMonitorRuleTest {

    private static final Path CONFIG = Path.of("..", "experiments", "configs", "bidding.yaml");

    @Test
    void theConfiguredRuleReachesTheRunsMonitor() throws Exception {
        String yaml = Files.readString(CONFIG);
        Experiment configured = ExperimentLoader.parse("bidding.yaml",
                "monitor: {interval: 1, window: 6, minFailures: 3, threshold: 0.25, consecutive: 2}\n" + yaml);
        MonitorRule rule = new MonitorRule(6, 1, 3, 0.25, 2);
        assertThat(configured.monitor()).isEqualTo(rule);
        int appNodes = 3;
        double perNode = configured.workload().arrivals().maxRate() / appNodes;
        // Never started: the monitor is only built, as the run builds it.
        try (LoadGenerator load = new LoadGenerator(URI.create("http://127.0.0.1:1/"), configured.workload(), DataSize.small(), 1, 0);
             ProductionMonitor monitor = Run.monitor(configured, load, "v2", () -> Universe.PRODUCTION, appNodes);
             ProductionMonitor byDefault = Run.monitor(ExperimentLoader.parse("bidding.yaml", yaml), load, "v2",
                     () -> Universe.PRODUCTION, appNodes)) {
            assertThat(monitor.rule()).isEqualTo(rule);
            // The verdict waits for what this rule needs, not the default's.
            assertThat(monitor.settle().toMillis()).isEqualTo((long) (rule.settleS(perNode) * 1000));
            assertThat(monitor.interval().toMillis()).isEqualTo(1000);
            assertThat(byDefault.rule()).isEqualTo(MonitorRule.defaults());
        }
    }
}
