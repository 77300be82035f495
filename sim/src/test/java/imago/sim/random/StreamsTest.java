package imago.sim.random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StreamsTest {

    @Test
    void seedsAreValidForMrg32k3a() {
        for (long seed : new long[] {0, 1, 42, -1, Long.MIN_VALUE, Long.MAX_VALUE}) {
            for (Purpose p : Purpose.values()) {
                long[] s = Streams.seedFor(seed, p);
                for (int i = 0; i < 3; i++) {
                    assertThat(s[i]).isBetween(1L, 4294967086L);
                }
                for (int i = 3; i < 6; i++) {
                    assertThat(s[i]).isBetween(1L, 4294944442L);
                }
            }
        }
    }

    @Test
    void aStreamIsAFunctionOfSeedPurposeAndReplicationOnly() {
        double a = new Streams(42, 3).get(Purpose.SERVICE).nextDouble();
        new Streams(7, 0).get(Purpose.SERVICE).nextDouble(); // unrelated streams in between
        double b = new Streams(42, 3).get(Purpose.SERVICE).nextDouble();
        assertThat(b).isEqualTo(a);
        assertThat(new Streams(42, 4).get(Purpose.SERVICE).nextDouble()).isNotEqualTo(a);
        assertThat(new Streams(42, 3).get(Purpose.ARRIVALS).nextDouble()).isNotEqualTo(a);
        assertThat(new Streams(43, 3).get(Purpose.SERVICE).nextDouble()).isNotEqualTo(a);
    }
}
