package imago.model.metrics;

/** How an upgrade run ended. */
public enum Outcome {
    /** All serving nodes run the new version and production works. */
    SUCCESS("success"),
    /** A fault was caught and the system went back to the old version. */
    ROLLED_BACK("rolled-back"),
    /** Production was left failing at the end of the window. */
    PRODUCTION_BROKEN("production-broken"),
    /** The incremental data sync could not catch up with the write rate, so the plan stopped. */
    SYNC_NEVER_CONVERGES("sync-never-converges"),
    /** The run hit the maximum simulated time before the plan ended. */
    TIMED_OUT("timed-out");

    private final String label;

    Outcome(String label) {
        this.label = label;
    }

    /**
     * Whether the plan ran to its end. A run whose sync never converged or that timed out stopped
     * part-way, so its metrics (often a perfect availability: nothing was upgraded) describe no
     * upgrade; summaries leave such runs out and count them apart.
     */
    public boolean finished() {
        return this != SYNC_NEVER_CONVERGES && this != TIMED_OUT;
    }

    /** The spelling in results files. */
    public String label() {
        return label;
    }
}
