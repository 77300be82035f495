package imago.model.strategy;

import imago.model.plan.CanaryAnalysis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CanaryStepTest {

    /**
     * Argo Rollouts' {@code TestTrafficWeightToReplicas} (utils/replicaset/canary_test.go): with a
     * traffic router the canary's replicas are ceil(weight x replicas / 100).
     */
    @ParameterizedTest(name = "{0} replicas at {1}% -> {2}")
    @CsvSource({
            "10, 0, 0",
            "10, 20, 2",
            "10, 25, 3",
            "10, 33, 4",
            "10, 99, 10",
            "10, 100, 10",
            // The example: a 10% canary of a 4-replica tier is one node.
            "4, 10, 1",
            "1, 1, 1"})
    void canaryReplicasAreTheWeightRoundedUp(int replicas, int weight, int expected) {
        assertThat(new CanaryStep.SetWeight(weight).canaryReplicas(replicas)).isEqualTo(expected);
    }

    @Test
    void weightsOutside0To100AreRefused() {
        assertThatThrownBy(() -> new CanaryStep.SetWeight(101)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CanaryStep.SetWeight(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aCanaryNeedsIncreasingWeightsEndingAt100AndPausesWithADuration() {
        assertThatThrownBy(() -> new Strategy.Canary(List.of(new CanaryStep.SetWeight(50), new CanaryStep.SetWeight(20),
                new CanaryStep.SetWeight(100)), 0, false)).hasMessageContaining("weights must increase");
        assertThatThrownBy(() -> new Strategy.Canary(List.of(new CanaryStep.SetWeight(50)), 0, false))
                .hasMessageContaining("the last setWeight must be 100");
        assertThatThrownBy(() -> new Strategy.Canary(List.of(new CanaryStep.Pause(10)), 0, false))
                .hasMessageContaining("was none");
        assertThatThrownBy(() -> new CanaryStep.Pause(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CanaryStep.Pause(Double.POSITIVE_INFINITY)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new Strategy.Canary(List.of(new CanaryStep.SetWeight(10), new CanaryStep.Analysis(
                new CanaryAnalysis(CanaryAnalysis.Metric.ERROR_RATE, 0.05, 5, 3, 0, 0)), new CanaryStep.SetWeight(100)), 0, false)
                .steps()).hasSize(3);
    }
}
