package imago.model.strategy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Kubernetes' own test tables, ported: {@code TestResolveFenceposts}, {@code TestMaxUnavailable}
 * and {@code TestMinAvailable} of kubernetes/kubernetes
 * pkg/controller/deployment/util/deployment_util_test.go, and the rolling-update error cases of
 * {@code TestValidateDeployment} (pkg/apis/apps/validation). An empty cell is Kubernetes' nil (0).
 * Source: https://github.com/kubernetes/kubernetes/blob/master/pkg/controller/deployment/util/deployment_util_test.go
 * The Recreate rows of TestMaxUnavailable and TestMinAvailable (both 0) are
 * {@link #recreateHasNoRollingKnobs}: in-place is Imago's Recreate, and it resolves no knobs.
 */
class FencepostsTest {

    private static IntOrPercent knob(String s) {
        if (s == null) {
            return IntOrPercent.count(0);
        }
        return IntOrPercent.parse(s); // TestResolveFenceposts passes strings (intstr.FromString)
    }

    private static IntOrPercent intOrString(String s) {
        return s.endsWith("%") ? IntOrPercent.parse(s) : IntOrPercent.count(Integer.parseInt(s));
    }

    @ParameterizedTest(name = "TestResolveFenceposts #{index}: {0}/{1} of {2} -> {3}:{4} error={5}")
    @CsvSource({
        "0%,  0%,  0,  0, 1, false",
        "39%, 39%, 10, 4, 3, false",
        "oops, 39%, 10, 0, 0, true",
        "55%, urg, 10, 0, 0, true",
        ",    39%, 10, 0, 3, false",
        "39%, ,    10, 4, 0, false",
        ",    ,    10, 0, 1, false",
    })
    void resolveFenceposts(String maxSurge, String maxUnavailable, int desired, int surge, int unavailable, boolean error) {
        if (error) {
            assertThatThrownBy(() -> Fenceposts.resolve(knob(maxSurge), knob(maxUnavailable), desired))
                    .isInstanceOf(IllegalArgumentException.class);
            return;
        }
        assertThat(Fenceposts.resolve(knob(maxSurge), knob(maxUnavailable), desired)).isEqualTo(new Fenceposts(surge, unavailable));
    }

    @ParameterizedTest(name = "TestMaxUnavailable: {0} replicas, maxUnavailable {1} -> {2}")
    @CsvSource({
        "10, 5,    5",   // maxUnavailable less than replicas
        "10, 10,   10",  // maxUnavailable equal replicas
        "5,  10,   5",   // maxUnavailable greater than replicas
        "0,  10,   0",   // maxUnavailable with replicas is 0
        "10, 50%,  5",   // less than replicas with percents
        "10, 100%, 10",  // equal replicas with percents
        "5,  100%, 5",   // greater than replicas with percents
    })
    void maxUnavailable(int replicas, String maxUnavailable, int expected) {
        // Kubernetes' table holds maxSurge at 1.
        assertThat(Fenceposts.maxUnavailable(IntOrPercent.count(1), intOrString(maxUnavailable), replicas)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "TestMinAvailable: {0} replicas, maxUnavailable {1} -> {2}")
    @CsvSource({
        "10, 5,    5",  // replicas greater than maxUnavailable
        "10, 10,   0",  // replicas equal maxUnavailable
        "5,  10,   0",  // replicas less than maxUnavailable
        "0,  10,   0",  // replicas is 0
        "10, 60%,  4",  // greater than maxUnavailable with percents
        "10, 100%, 0",  // equal maxUnavailable with percents
        "5,  100%, 0",  // less than maxUnavailable with percents
    })
    void minAvailable(int replicas, String maxUnavailable, int expected) {
        assertThat(Fenceposts.minAvailable(IntOrPercent.count(1), intOrString(maxUnavailable), replicas)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "TestValidateDeployment: maxSurge {0}, maxUnavailable {1} -> {2}")
    @CsvSource({
        "0%,  0,    may not be 0 when maxSurge is 0",
        "0,   0%,   may not be 0 when maxSurge is 0",
        "1,   110%, must not be greater than 100%",
    })
    void theApiRefusesWhatKubernetesRefuses(String maxSurge, String maxUnavailable, String why) {
        assertThat(Fenceposts.invalid(intOrString(maxSurge), intOrString(maxUnavailable))).hasValueSatisfying(m -> assertThat(m).contains(why));
    }

    @ParameterizedTest(name = "valid: maxSurge {0}, maxUnavailable {1}")
    @CsvSource({"25%, 25%", "0, 100%", "1, 0", "0, 1", "200%, 0"})
    void whatKubernetesAcceptsIsAccepted(String maxSurge, String maxUnavailable) {
        assertThat(Fenceposts.invalid(intOrString(maxSurge), intOrString(maxUnavailable))).isEmpty();
    }

    @ParameterizedTest(name = "\"{0}\" is refused")
    @CsvSource({"20Percent", "5", "'%'", "-5%", "1.5%"})
    void aStringMustBeAPercentage(String text) {
        // TestValidateDeployment: MaxSurge "20Percent" -> "a valid percent string must be ...".
        assertThatThrownBy(() -> IntOrPercent.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * TestMaxUnavailable's and TestMinAvailable's "with Recreate deployment strategy" rows: Kubernetes
     * gives 0 for both, having no rolling knobs; Imago's Recreate (in-place) resolves none either.
     */
    @org.junit.jupiter.api.Test
    void recreateHasNoRollingKnobs() {
        var topology = new imago.model.topology.Topology(java.util.List.of(
                new imago.model.topology.Tier("web", imago.model.topology.TierKind.SERVICE, 10, 1,
                        imago.model.dist.Dist.constant(0.01), java.util.Collections.nCopies(10, "h"))), java.util.List.of());
        var upgrade = new imago.model.upgrade.Upgrade("v1", "v2", java.util.List.of("web"), java.util.Optional.empty(),
                java.util.List.of(), java.util.List.of(), java.util.List.of(), java.util.List.of(), java.util.Map.of());
        var compiler = new imago.model.plan.PlanCompiler(topology,
                imago.model.config.ExperimentLoader.load(java.nio.file.Path.of("../experiments/configs/three-tier.yaml")).workload(), upgrade);
        assertThat(compiler.rollout(new Strategy.InPlace())).isEmpty();
        assertThat(compiler.rollout(new Strategy.Rolling(1, 1, 0, 0, false))).containsEntry("web", new Fenceposts(1, 1));
    }
}
