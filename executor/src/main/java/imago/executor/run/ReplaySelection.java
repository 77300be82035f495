package imago.executor.run;

import java.util.SplittableRandom;

/**
 * Which of production's reads a runtime test replays: each with probability {@code coverage}, by a
 * uniform number that is a function of the run's seed and the read's sequence number alone, so a
 * run selects the same reads whatever the threads' timing (as the simulator's binomial thinning of
 * the reads sent during the test).
 */
record ReplaySelection(long seed, double coverage) {

    /** Keeps the draws apart from the other per-run streams built from the same seed (the canary split's). */
    private static final long STREAM = 0x52554E54455354L;

    /** The selection of the run whose load and canary split are seeded with {@code runSeed}. */
    static ReplaySelection of(long runSeed, double coverage) {
        return new ReplaySelection(runSeed ^ STREAM, coverage);
    }

    boolean selects(long sequence) {
        if (coverage <= 0) {
            return false;
        }
        if (coverage >= 1) {
            return true;
        }
        // SplittableRandom mixes its seed: one well-spread uniform number per (seed, read).
        return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + sequence).nextDouble() < coverage;
    }
}
