package imago.model.fault;

import imago.model.config.ConfigException;
import imago.model.config.ExperimentLoader;
import imago.model.config.ExperimentLoaderTest;
import imago.model.experiment.FaultSpec;
import imago.model.plan.StepKind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class FaultModelTest {

    @Test
    void scalingKeepsProportionsAndCapsAtOne() {
        FaultModel m = FaultModel.handWritten();
        FaultModel x2 = m.scaled(2);
        assertThat(x2.probability(StepKind.CONFIGURE, FaultType.SIMPLE_CONFIG))
                .isCloseTo(2 * m.probability(StepKind.CONFIGURE, FaultType.SIMPLE_CONFIG), within(1e-12));
        FaultModel x100 = m.scaled(100);
        for (StepKind k : StepKind.values()) {
            assertThat(x100.totalProbability(k)).isLessThanOrEqualTo(1 + 1e-12);
        }
        double ratio = m.probability(StepKind.CONFIGURE, FaultType.SIMPLE_CONFIG) / m.probability(StepKind.CONFIGURE, FaultType.SEMANTIC_CONFIG);
        assertThat(x100.probability(StepKind.CONFIGURE, FaultType.SIMPLE_CONFIG) / x100.probability(StepKind.CONFIGURE, FaultType.SEMANTIC_CONFIG))
                .isCloseTo(ratio, within(1e-9));
    }

    @Test
    void theConfigNamesAScaledModel() {
        var e = ExperimentLoader.parse("f.yaml", ExperimentLoaderTest.VALID + "faults: {use: default, scale: 3}\n");
        assertThat(e.scenarios().getFirst().faults()).isEqualTo(new FaultSpec.Scaled(new FaultSpec.Default(), 3));
        assertThatThrownBy(() -> ExperimentLoader.parse("f.yaml", ExperimentLoaderTest.VALID + "faults: {use: default, file: x.json}\n"))
                .isInstanceOf(ConfigException.class).hasMessage("f.yaml:22:9: faults: give exactly one of use, learned, file or model (has use, file)");
        assertThatThrownBy(() -> ExperimentLoader.parse("f.yaml", ExperimentLoaderTest.VALID + "faults: {use: default, scale: 0}\n"))
                .isInstanceOf(ConfigException.class).hasMessage("f.yaml:22:31: faults.scale: must be > 0 (was 0)");
        assertThatThrownBy(() -> ExperimentLoader.parse("f.yaml", ExperimentLoaderTest.VALID + "faults: sometimes\n"))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("f.yaml:22:9: faults: unknown fault model 'sometimes'");
    }
}
