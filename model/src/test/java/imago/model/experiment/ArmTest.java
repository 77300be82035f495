package imago.model.experiment;

import imago.model.config.ConfigException;
import imago.model.config.ExperimentLoader;
import imago.model.plan.CanaryAnalysis;
import imago.model.strategy.CanaryStep;
import imago.model.strategy.IntOrPercent;
import imago.model.strategy.Strategy;
import imago.model.strategy.TierKnob;
import org.junit.jupiter.api.Test;

import java.util.List;

import static imago.model.config.ExperimentLoaderTest.VALID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ArmTest {

    static Experiment withSweeps(String sweeps) {
        return ExperimentLoader.parse("s.yaml", VALID + sweeps);
    }

    @Test
    void withoutSweepsThereIsOneArmPerScenario() {
        List<Arm> arms = Arm.expand(ExperimentLoader.parse("s.yaml", VALID));
        assertThat(arms).extracting(Arm::label).containsExactly("rolling", "imago");
    }

    @Test
    void strategyParametersMultiplyOnlyTheirOwnScenarios() {
        Experiment e = withSweeps("sweeps:\n  rolling.maxSurge: [0, 2]\n  upgrade.rows: [100, 1e4]\n");
        List<Arm> arms = Arm.expand(e);
        assertThat(arms).extracting(Arm::label).containsExactly(
                "rolling[maxSurge=0,rows=100]", "rolling[maxSurge=0,rows=10000]",
                "rolling[maxSurge=2,rows=100]", "rolling[maxSurge=2,rows=10000]",
                "imago[rows=100]", "imago[rows=10000]");
        Arm third = arms.get(2);
        assertThat(((Strategy.Rolling) third.scenario().strategy()).maxSurge()).isEqualTo(TierKnob.all(IntOrPercent.count(2)));
        assertThat(third.experiment().upgrade().schema().orElseThrow().rows()).isEqualTo(100);
        assertThat(arms.get(1).point()).containsEntry("upgrade.rows", 1e4).containsEntry("rolling.maxSurge", 0.0);
        // The base experiment is untouched: arms are new values.
        assertThat(e.upgrade().schema().orElseThrow().rows()).isEqualTo(1000);
    }

    @Test
    void rejectsUnknownParametersEmptyGridsAndInvalidValues() {
        assertThatThrownBy(() -> withSweeps("sweeps:\n  rolling.batch: [1]\n"))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("s.yaml:23:3: sweeps.rolling.batch: unknown sweep parameter");
        assertThatThrownBy(() -> withSweeps("sweeps:\n  upgrade.rows: []\n"))
                .isInstanceOf(ConfigException.class).hasMessage("s.yaml:23:17: sweeps.upgrade.rows: must list at least one value");
        assertThatThrownBy(() -> withSweeps("sweeps:\n  rolling.maxUnavailable: [1, -1]\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("s.yaml:23:31: sweeps.rolling.maxUnavailable[1]: must be >= 0 (was -1.0)");
        // As Kubernetes: a tier's replicas all unavailable at once (web has 2) is allowed.
        assertThat(Arm.expand(withSweeps("sweeps:\n  rolling.maxUnavailable: [2]\n"))).hasSize(2);
        assertThatThrownBy(() -> withSweeps("sweeps:\n  workload.asyncFraction: [0, 1.5]\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("s.yaml:23:31: sweeps.workload.asyncFraction[1]: must be in [0, 1]");
    }

    @Test
    void rejectsASweepThatAppliesToNoScenario() {
        String onlyImago = VALID.replace("  - {name: rolling, strategy: {kind: rolling, maxUnavailable: 1}}\n", "");
        assertThatThrownBy(() -> ExperimentLoader.parse("s.yaml", onlyImago + "sweeps:\n  rolling.maxSurge: [1]\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("sweeps.rolling.maxSurge: applies to no scenario");
    }

    @Test
    void readsAndChecksThePrecisionTarget() {
        Experiment e = withSweeps("precision: {relative: 0.05, maxReplications: 40}\n");
        assertThat(e.precision()).hasValue(new Precision(0.05, 40, List.of("availability", "unavailable_s")));
        assertThatThrownBy(() -> withSweeps("precision: {relative: 0}\n"))
                .isInstanceOf(ConfigException.class).hasMessage("s.yaml:22:23: precision.relative: must be > 0 (was 0)");
        assertThatThrownBy(() -> withSweeps("precision: {relative: 0.1, maxReplications: 2}\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("precision.maxReplications: must be >= replications (3), was 2");
        assertThatThrownBy(() -> withSweeps("precision: {relative: 0.1, metrics: [availabilty]}\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("precision.metrics[0]: unknown metric 'availabilty'");
    }

    @Test
    void rejectsAnUnknownBackend() {
        assertThatThrownBy(() -> withSweeps("backend: cluster\n"))
                .isInstanceOf(ConfigException.class).hasMessage("s.yaml:22:10: backend: unknown backend 'cluster' (expected sim or executor)");
    }

    @Test
    void canaryKnobsChangeTheFirstWeightOrEveryAnalysisThreshold() {
        Strategy.Canary c = new Strategy.Canary(List.of(new CanaryStep.SetWeight(10),
                new CanaryStep.Analysis(new CanaryAnalysis(CanaryAnalysis.Metric.ERROR_RATE, 0.05, 5, 3, 0, 0)),
                new CanaryStep.SetWeight(50),
                new CanaryStep.Analysis(new CanaryAnalysis(CanaryAnalysis.Metric.ERROR_RATE, 0.05, 5, 3, 0, 0)),
                new CanaryStep.SetWeight(100)), 10, false);
        Experiment e = ExperimentLoader.parse("s.yaml", VALID);
        Arm arm = new Arm("canary", java.util.Map.of(), e, new Scenario("canary", c, new FaultSpec.None()));
        Strategy.Canary first = (Strategy.Canary) SweepParameter.CANARY_FIRST_WEIGHT.apply(arm, 25).scenario().strategy();
        assertThat(first.steps()).filteredOn(x -> x instanceof CanaryStep.SetWeight)
                .extracting(x -> ((CanaryStep.SetWeight) x).percent()).containsExactly(25, 50, 100);
        Strategy.Canary strict = (Strategy.Canary) SweepParameter.CANARY_THRESHOLD.apply(arm, 0.01).scenario().strategy();
        assertThat(strict.steps()).filteredOn(x -> x instanceof CanaryStep.Analysis)
                .extracting(x -> ((CanaryStep.Analysis) x).analysis().threshold()).containsExactly(0.01, 0.01);
        // A first weight above the next is no canary: refused as a value the scenario cannot take.
        assertThatThrownBy(() -> SweepParameter.CANARY_FIRST_WEIGHT.apply(arm, 60)).isInstanceOf(IllegalArgumentException.class);
    }
}
