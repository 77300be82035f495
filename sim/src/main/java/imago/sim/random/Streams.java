package imago.sim.random;

import umontreal.ssj.rng.MRG32k3a;
import umontreal.ssj.rng.RandomStream;

import java.util.EnumMap;
import java.util.SplittableRandom;

/**
 * One MRG32k3a stream per {@link Purpose}, seeded from the experiment seed and the purpose, and
 * advanced to substream {@code replication}. A replication is therefore a pure function of (config,
 * scenario, replication, seed), and every scenario of an experiment sees the same numbers for the
 * same purpose (common random numbers).
 *
 * <p>Internal to the simulator: SSJ types never leave the {@code imago.sim} packages.
 */
public final class Streams {

    // MRG32k3a's moduli: the first three seed values must be < M1, the last three < M2, and
    // neither triple all zero.
    private static final long M1 = 4294967087L;
    private static final long M2 = 4294944443L;

    private final EnumMap<Purpose, MRG32k3a> streams = new EnumMap<>(Purpose.class);

    public Streams(long seed, int replication) {
        if (replication < 0) {
            throw new IllegalArgumentException("replication: must be >= 0 (was " + replication + ")");
        }
        for (Purpose p : Purpose.values()) {
            MRG32k3a s = newStream();
            s.setSeed(seedFor(seed, p));
            // setSeed leaves the stream at its start; substream i is i jumps of 2^76 away.
            for (int i = 0; i < replication; i++) {
                s.resetNextSubstream();
            }
            streams.put(p, s);
        }
    }

    public RandomStream get(Purpose p) {
        return streams.get(p);
    }

    /** Six seed values valid for MRG32k3a, derived from the experiment seed and the purpose only. */
    static long[] seedFor(long seed, Purpose p) {
        // Mix the purpose in with a large odd constant so nearby seeds and purposes do not collide.
        SplittableRandom r = new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (p.ordinal() + 1)));
        long[] s = new long[6];
        for (int i = 0; i < 3; i++) {
            s[i] = r.nextLong(1, M1);
        }
        for (int i = 3; i < 6; i++) {
            s[i] = r.nextLong(1, M2);
        }
        return s;
    }

    private static MRG32k3a newStream() {
        // The no-argument constructor reads and advances MRG32k3a's static package seed without
        // synchronisation; we overwrite the seed at once, but lock so concurrent replications
        // cannot tear that shared array while we are constructing.
        synchronized (MRG32k3a.class) {
            return new MRG32k3a();
        }
    }
}
