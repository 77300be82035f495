package imago.experiments.report;

/**
 * What became of the injected faults of one strategy and fault type, in three disjoint parts
 * (totals or means per run).
 *
 * @param caught            caught by a runtime test before the switch
 * @param reachedProduction hit live traffic directly (in place or rolling, nothing to catch them)
 * @param escaped           passed a runtime test unnoticed and then reached production
 */
public record OutcomeCounts(double caught, double reachedProduction, double escaped) {

    public OutcomeCounts {
        if (!(caught >= 0) || !(reachedProduction >= 0) || !(escaped >= 0)) {
            throw new IllegalArgumentException("fault counts must be finite and >= 0: "
                    + caught + ", " + reachedProduction + ", " + escaped);
        }
    }

    /**
     * From the run metrics, where {@code faults_reached_production} includes the faults that
     * escaped past a switch (DESIGN §3): the escaped ones are taken out of it.
     */
    public static OutcomeCounts ofRunTotals(double caught, double reachedProductionIncludingEscaped, double escaped) {
        return new OutcomeCounts(caught, Math.max(0, reachedProductionIncludingEscaped - escaped), escaped);
    }

    public double total() {
        return caught + reachedProduction + escaped;
    }
}
