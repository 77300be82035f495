package imago.experiments.simvsreal;

import imago.model.config.ExperimentLoader;
import imago.model.experiment.Experiment;
import imago.model.experiment.Scenario;
import imago.model.fault.FaultType;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class QuickSelectionTest {

    @Test
    void theSmokeRunKeepsEveryFaultFreeScenarioAndOneFaultOfEachTypeOnDifferentStrategies() {
        Experiment e = ExperimentLoader.load(Path.of("configs/paper/sim-vs-real.yaml"));
        List<Scenario> quick = QuickSelection.of(e);
        assertThat(quick.stream().filter(s -> s.injected().isEmpty()))
                .hasSameSizeAs(e.scenarios().stream().filter(s -> s.injected().isEmpty()).toList());
        List<Scenario> faulty = quick.stream().filter(s -> !s.injected().isEmpty()).toList();
        assertThat(faulty.stream().map(s -> s.injected().getFirst().type()).toList())
                .containsExactly(FaultType.values());
        assertThat(faulty.stream().map(s -> s.strategy().getClass()).distinct().count()).isGreaterThanOrEqualTo(3);
        assertThat(quick.size()).isLessThan(e.scenarios().size());
    }
}
