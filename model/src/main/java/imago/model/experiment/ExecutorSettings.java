package imago.model.experiment;

import java.util.List;

/**
 * What the real executor needs beyond the model: which of the project's system descriptors to run,
 * how much data to seed, which database server, and how to scale the plan's policy waits. Read from
 * an experiment's {@code executor:} section; the simulator ignores it.
 *
 * @param system    a system descriptor bundled with the project ({@link #SYSTEMS}); never a path
 * @param users     users seeded
 * @param items     items seeded
 * @param bids      bids seeded
 * @param database  the database server: {@code h2} (bundled) or {@code postgresql} (when installed)
 * @param timeScale multiplies rolling pauses, readiness delays and the runtime-test duration
 */
public record ExecutorSettings(String system, long users, long items, long bids, String database, double timeScale) {

    /** The system descriptors the project ships (testbed/bidding-v1, testbed/bidding-v2). */
    public static final List<String> SYSTEMS = List.of("bidding");
    public static final List<String> DATABASES = List.of("h2", "postgresql");

    public ExecutorSettings {
        if (!SYSTEMS.contains(system)) {
            throw new IllegalArgumentException("unknown system '" + system + "' (the project's system descriptors: "
                    + String.join(", ", SYSTEMS) + ")");
        }
        if (!DATABASES.contains(database)) {
            throw new IllegalArgumentException("unknown database '" + database + "' (expected " + String.join(" or ", DATABASES) + ")");
        }
        if (users < 1 || items < 1 || bids < 0) {
            throw new IllegalArgumentException("users and items must be >= 1, bids >= 0");
        }
        if (!(timeScale >= 0) || Double.isInfinite(timeScale)) {
            throw new IllegalArgumentException("timeScale must be >= 0 (was " + timeScale + ")");
        }
    }

    /** The default size: 100k users, 200k items, 1M bids, on H2, in real time. */
    public static ExecutorSettings defaults() {
        return new ExecutorSettings("bidding", 100_000, 200_000, 1_000_000, "h2", 1.0);
    }

    public ExecutorSettings withData(long users, long items, long bids) {
        return new ExecutorSettings(system, users, items, bids, database, timeScale);
    }
}
