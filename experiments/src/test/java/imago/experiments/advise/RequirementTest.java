package imago.experiments.advise;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RequirementTest {

    @Test
    void readsASumOfMetricsAndABound() {
        Requirement r = Requirement.parse("races_error + races_silent <= 0");
        assertThat(r.metrics()).containsExactly("races_error", "races_silent");
        assertThat(r.op()).isEqualTo(Requirement.Op.AT_MOST);
        assertThat(r.bound()).isZero();
        assertThat(r.holds(0)).isTrue();
        assertThat(r.holds(1)).isFalse();
        Requirement a = Requirement.parse("availability>0.999");
        assertThat(a.holds(0.999)).isFalse();
        assertThat(a.holds(0.9991)).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "availability=0.9|expected METRIC",
            "availabilty>=0.9|unknown metric 'availabilty'",
            "availability>=high|'high' is not a number",
            "availability+>=0.9|an empty term",
            ">=0.9|expected METRIC",
            "availability>=NaN|finite"})
    void refusesWhatItCannotRead(String text, String message) {
        assertThatThrownBy(() -> Requirement.parse(text)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }

    @Test
    void contradictoryRequirementsAreRefused() {
        assertThatThrownBy(() -> Requirement.checkConsistent(List.of(Requirement.parse("availability>=0.99"),
                Requirement.parse("availability<0.9")))).hasMessageContaining("contradict");
        assertThatThrownBy(() -> Requirement.checkConsistent(List.of(Requirement.parse("races_error+races_silent>0"),
                Requirement.parse("races_silent+races_error<=0")))).hasMessageContaining("contradict");
        Requirement.checkConsistent(List.of(Requirement.parse("availability>=0.9"), Requirement.parse("availability<=0.9"),
                Requirement.parse("resource_cost<=2")));
    }
}
