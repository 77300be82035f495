package imago.executor.db;

/** Facts about the seeded data that the load generator needs to send sensible requests. */
public final class BiddingData {

    /** Items are spread over this many categories. */
    public static final int CATEGORIES = 20;

    private BiddingData() {
    }
}
