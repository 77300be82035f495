package imago.model.config;

import imago.model.experiment.Experiment;
import imago.model.plan.CanaryAnalysis;
import imago.model.strategy.CanaryStep;
import imago.model.strategy.Strategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code strategy: {kind: canary, steps: [...]}}: what it reads, and each input it refuses with a located one-line error. */
public class CanaryConfigTest {

    /** A valid canary config; each bad-input case changes one thing in it. */
    public static final String VALID = """
            name: small
            system:
              tiers:
                - {name: ingress, kind: ingress, replicas: 1}
                - {name: web, replicas: 2}
                - {name: app, replicas: 4}
                - {name: db, kind: database, replicas: 1}
            workload:
              arrivals: {rate: 50}
            upgrade:
              tiers: [web, app]
              schema: {rows: 1000, conversionRate: 100, compatible: true}
            scenarios:
              - name: canary
                strategy:
                  kind: canary
                  steps:
                    - setWeight: 10
                    - pause: 30
                    - analysis: {metric: error-rate, threshold: 0.05, interval: 5, count: 3}
                    - setWeight: 50
                    - pause: {duration: 20}
                    - setWeight: 100
            """;

    @Test
    void readsTheStepsWithArgosDefaults() {
        Experiment e = ExperimentLoader.parse("small.yaml", VALID);
        assertThat(e.scenarios().getFirst().strategy()).isEqualTo(new Strategy.Canary(List.of(
                new CanaryStep.SetWeight(10),
                new CanaryStep.Pause(30),
                new CanaryStep.Analysis(new CanaryAnalysis(CanaryAnalysis.Metric.ERROR_RATE, 0.05, 5, 3, 0, 0)),
                new CanaryStep.SetWeight(50),
                new CanaryStep.Pause(20),
                new CanaryStep.SetWeight(100)), 10, false));
    }

    @Test
    void readsALatencyAnalysisWithLimits() {
        Experiment e = ExperimentLoader.parse("small.yaml", VALID.replace("{metric: error-rate, threshold: 0.05, interval: 5, count: 3}",
                "{metric: p99-latency, threshold: 0.5, interval: 10, count: 6, failureLimit: 2, inconclusiveLimit: 1}"));
        Strategy.Canary c = (Strategy.Canary) e.scenarios().getFirst().strategy();
        assertThat(c.steps().get(2)).isEqualTo(new CanaryStep.Analysis(
                new CanaryAnalysis(CanaryAnalysis.Metric.P99_LATENCY, 0.5, 10, 6, 2, 1)));
    }

    @Test
    void readsDurationsAsArgoWritesThem() {
        Experiment e = ExperimentLoader.parse("small.yaml", VALID.replace("- pause: 30", "- pause: 2m")
                .replace("interval: 5,", "interval: 10s,").replace("{duration: 20}", "{duration: 0.5h}"));
        Strategy.Canary c = (Strategy.Canary) e.scenarios().getFirst().strategy();
        assertThat(c.steps().get(1)).isEqualTo(new CanaryStep.Pause(120));
        assertThat(((CanaryStep.Analysis) c.steps().get(2)).analysis().intervalS()).isEqualTo(10);
        assertThat(c.steps().get(4)).isEqualTo(new CanaryStep.Pause(1800));
    }

    record Case(String what, String from, String to, String expected) {
        @Override
        public String toString() {
            return what;
        }
    }

    static Stream<Case> badInputs() {
        return Stream.of(
                new Case("weight over 100", "- setWeight: 50", "- setWeight: 150",
                        "small.yaml:21:22: scenarios[0].strategy.steps[3].setWeight: must be in 0..100 (was 150)"),
                new Case("negative weight", "- setWeight: 10", "- setWeight: -10",
                        "small.yaml:18:22: scenarios[0].strategy.steps[0].setWeight: must be in 0..100 (was -10)"),
                new Case("weights not increasing", "- setWeight: 50", "- setWeight: 10",
                        "small.yaml:21:11: scenarios[0].strategy.steps[3].setWeight: weights must increase (was 10 after 10)"),
                new Case("no final setWeight 100", "        - setWeight: 100\n", "",
                        "small.yaml:21:11: scenarios[0].strategy.steps[3].setWeight: the last setWeight must be 100 (was 50)"),
                new Case("no setWeight at all", "setWeight: 10\n        - pause: 30\n        - analysis: {metric: error-rate, threshold: 0.05, interval: 5, count: 3}\n        - setWeight: 50\n        - pause: {duration: 20}\n        - setWeight: 100",
                        "pause: 30", "small.yaml:18:9: scenarios[0].strategy.steps: has no setWeight: a canary must end with setWeight: 100"),
                new Case("pause without a duration", "- pause: 30", "- pause: {}",
                        "small.yaml:19:18: scenarios[0].strategy.steps[1].pause: a pause needs a duration in seconds > 0:"
                                + " nobody is there to resume an open-ended pause"),
                new Case("pause with nothing", "- pause: 30", "- pause:",
                        "small.yaml:19:17: scenarios[0].strategy.steps[1].pause: a pause needs a duration"),
                new Case("pause of 0 s", "- pause: 30", "- pause: 0",
                        "small.yaml:19:18: scenarios[0].strategy.steps[1].pause: a pause needs a duration in seconds > 0:"
                                + " nobody is there to resume an open-ended pause (was 0)"),
                new Case("pause in days", "- pause: 30", "- pause: 1d",
                        "small.yaml:19:18: scenarios[0].strategy.steps[1].pause: must be seconds or a duration such as 30s, 5m or 1h (was '1d')"),
                new Case("interval of 0", "interval: 5,", "interval: 0s,",
                        "small.yaml:20:69: scenarios[0].strategy.steps[2].analysis.interval: must be > 0 (was 0)"),
                new Case("analysis with count 0", "count: 3}", "count: 0}",
                        "small.yaml:20:79: scenarios[0].strategy.steps[2].analysis.count: must be >= 1 (was 0)"),
                new Case("analysis with an unknown metric", "metric: error-rate", "metric: success-rate",
                        "small.yaml:20:30: scenarios[0].strategy.steps[2].analysis.metric: unknown value 'success-rate'"
                                + " (expected one of error-rate, p99-latency)"),
                new Case("analysis without a threshold", "threshold: 0.05, ", "",
                        "small.yaml:20:21: scenarios[0].strategy.steps[2].analysis.threshold: required field is missing"),
                new Case("error rate over 1", "threshold: 0.05", "threshold: 5",
                        "small.yaml:20:53: scenarios[0].strategy.steps[2].analysis.threshold: an error rate is a share of requests"),
                new Case("unknown step", "- pause: 30", "- pauze: 30",
                        "small.yaml:19:11: scenarios[0].strategy.steps[1]: a step must be exactly one of setWeight, pause or analysis (was pauze)"),
                new Case("two kinds in one step", "- pause: 30", "- {pause: 30, setWeight: 20}",
                        "small.yaml:19:11: scenarios[0].strategy.steps[1]: a step must be exactly one of setWeight, pause or analysis (was pause, setWeight)"),
                new Case("no steps", "      steps:\n", "      stepz:\n",
                        "small.yaml:16:7: scenarios[0].strategy.steps: required field is missing: a canary lists its steps"),
                new Case("incompatible schema change", "compatible: true", "compatible: false",
                        "small.yaml:16:13: scenarios[0].strategy.kind: a canary needs a compatible schema change"
                                + " (upgrade.schema.compatible is false): old and new versions would share data neither can read;"
                                + " use imago or blue-green, which convert a copy"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void rejectsBadInputWithALocatedOneLineError(Case c) {
        assertThat(VALID).contains(c.from());
        String yaml = VALID.replace(c.from(), c.to());
        assertThatThrownBy(() -> ExperimentLoader.parse("small.yaml", yaml))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(c.expected())
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
}
