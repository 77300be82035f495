package imago.executor;

/**
 * How much data the generator seeds before a run.
 *
 * @param users users
 * @param items items for sale
 * @param bids  bids already placed on them
 */
public record DataSize(long users, long items, long bids) {

    public DataSize {
        if (users < 1 || items < 1 || bids < 0) {
            throw new IllegalArgumentException("data size: users and items must be >= 1, bids >= 0 (was "
                    + users + ", " + items + ", " + bids + ")");
        }
    }

    /** The default of the issue: 100k users, 200k items, 1M bids. */
    public static DataSize standard() {
        return new DataSize(100_000, 200_000, 1_000_000);
    }

    /** A small size for tests: 2k users, 5k items, 20k bids. */
    public static DataSize small() {
        return new DataSize(2_000, 5_000, 20_000);
    }

    /** Rows a schema conversion touches (items and bids change; users do not). */
    public long convertedRows() {
        return items + bids;
    }
}
