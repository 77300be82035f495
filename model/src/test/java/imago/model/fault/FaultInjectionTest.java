package imago.model.fault;

import imago.model.plan.StepKind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FaultInjectionTest {

    @Test
    void readsTheShortForm() {
        FaultInjection f = FaultInjection.of(3, "Start", "app-2");
        assertThat(f.type()).isEqualTo(FaultType.BROKEN_ENVIRONMENT);
        assertThat(f.step()).isEqualTo(StepKind.START);
        assertThat(f.target()).isEqualTo("app-2");
    }

    @Test
    void rejectsWhatNoMechanismCanDo() {
        assertThatThrownBy(() -> FaultInjection.of(1, "ConvertData", "db-1")).hasMessageContaining("type 1");
        assertThatThrownBy(() -> FaultInjection.of(4, "Switch", "app-1")).hasMessageContaining("type 4");
        assertThatThrownBy(() -> FaultInjection.of(2, "Configure", "app-1; rm -rf /")).hasMessageContaining("node name");
        assertThatThrownBy(() -> FaultInjection.of(5, "Start", "app-1")).hasMessageContaining("1..4");
    }
}
