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

    /** The facts a run observed that decide its outcome; each backend observes them its own way. */
    public record Facts(boolean timedOut, boolean syncNeverConverges, boolean productionBroken, boolean rolledBack) {
    }

    /**
     * The outcome of a run that observed {@code f}. Precedence: a run cut short says so first, a
     * broken production outweighs a rollback (the rollback did not save it), and a rollback that
     * left production working is not a success.
     */
    public static Outcome of(Facts f) {
        return f.timedOut() ? TIMED_OUT
                : f.syncNeverConverges() ? SYNC_NEVER_CONVERGES
                : f.productionBroken() ? PRODUCTION_BROKEN
                : f.rolledBack() ? ROLLED_BACK
                : SUCCESS;
    }

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
