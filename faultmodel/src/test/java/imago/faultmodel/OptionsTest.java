package imago.faultmodel;

import org.junit.jupiter.api.Test;

import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OptionsTest {

    @Test
    void parsesTheCommandLineSpellingOfMethods() {
        assertThat(Method.parse("upgma")).contains(Method.UPGMA);
        assertThat(Method.parse("KModes")).contains(Method.KMODES);
        assertThat(Method.parse("kmeans")).isEmpty();
        assertThat(Method.UPGMA.other()).isEqualTo(Method.KMODES);
    }

    @Test
    void defaultsAreUpgmaAutoKAndAHundredResamples() {
        Options o = new Options(Method.UPGMA, OptionalInt.empty(), 7);
        assertThat(o.k()).isEmpty();
        assertThat(o.resamples()).isEqualTo(100);
        assertThat(o.minClusterShare()).isEqualTo(0.02);
        assertThat(Options.defaults().withK(4).k()).hasValue(4);
    }

    @Test
    void rejectsMeaninglessValues() {
        assertThatThrownBy(() -> Options.defaults().withK(1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("k: must be >= 2 (was 1)");
        assertThatThrownBy(() -> Options.defaults().withResamples(-1)).hasMessageStartingWith("resamples:");
        assertThatThrownBy(() -> Options.defaults().withMinClusterShare(0.5))
                .hasMessageStartingWith("minClusterShare:");
    }
}
