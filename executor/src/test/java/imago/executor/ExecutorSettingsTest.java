package imago.executor;

import imago.model.config.ConfigException;
import imago.model.plan.Universe;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExecutorSettingsTest {

    @Test
    void readsDataSizeAndFaultsPerScenario() {
        ExecutorSettings s = ExecutorSettings.parse("x.yaml", """
                data: {users: 10, items: 20, bids: 30}
                timeScale: 0.5
                faults:
                  in-place: {type: 3, step: Start, target: app-2}
                  imago:
                    - {type: 1, step: Configure, target: app-2, universe: parallel}
                    - {type: 4, step: ConvertData, target: db-1}
                """);
        assertThat(s.data()).contains(new DataSize(10, 20, 30));
        assertThat(s.faults().get("imago")).hasSize(2);
        assertThat(s.faults().get("imago").getFirst().universe()).contains(Universe.PARALLEL);
        ExecutorOptions o = s.apply(ExecutorOptions.defaults(Path.of("out")), "in-place");
        assertThat(o.faults()).containsExactly(FaultInjection.of(3, "Start", "app-2"));
        assertThat(o.timeScale()).isEqualTo(0.5);
    }

    @Test
    void pointsAtTheWrongField() {
        assertThatThrownBy(() -> ExecutorSettings.parse("x.yaml", """
                faults:
                  imago: {type: 3, step: Start, target: "app-2; reboot"}
                """)).isInstanceOf(ConfigException.class).hasMessageContaining("x.yaml").hasMessageContaining("node name");
        assertThatThrownBy(() -> ExecutorSettings.parse("x.yaml", "dta: {users: 1}"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("dta");
    }
}
