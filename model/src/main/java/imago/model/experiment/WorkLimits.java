package imago.model.experiment;

import imago.model.plan.PlanCompiler;

import java.util.Locale;
import java.util.Optional;

/**
 * How much work one command may start without {@code --force}. A typo ({@code rate: 1e12}, a
 * million-point sweep, a trillion users) would otherwise hang or exhaust memory long before
 * failing; the work is estimated up front from the config alone, without running anything.
 *
 * @param runs     (arm, replication) pairs, counting the most replications a precision target allows
 * @param requests requests the simulator generates over all runs (rate x observed time)
 * @param rows     rows the executor seeds into its database for each run (users + items + bids)
 */
public record WorkLimits(double runs, double requests, double rows) {

    public WorkLimits {
        if (!(runs > 0 && requests > 0 && rows > 0)) {
            throw new IllegalArgumentException("limits must be > 0");
        }
    }

    /** Sixty times the largest paper experiment; 10^9 requests are about ten minutes on two cores (~1 M/s each). */
    public static WorkLimits defaults() {
        return new WorkLimits(100_000, 1e9, 1e8);
    }

    /**
     * The first limit {@code e} exceeds, as a sentence with the estimate; empty when it fits.
     * Runs are counted before any arm is built, so a huge sweep is refused without expanding it.
     */
    public Optional<String> exceeded(Experiment e) {
        boolean executor = e.backend().equals("executor");
        double runsEstimate = runs(e);
        if (runsEstimate > runs) {
            return Optional.of(over("runs", runsEstimate, runs, "--max-runs"));
        }
        if (executor) {
            ExecutorSettings x = e.executor();
            double seeded = (double) x.users() + x.items() + x.bids();
            return seeded > rows ? Optional.of(over("database rows per run", seeded, rows, "--max-rows")) : Optional.empty();
        }
        double simulated = requests(e);
        return simulated > requests ? Optional.of(over("simulated requests", simulated, requests, "--max-requests")) : Optional.empty();
    }

    /** Every arm's replications; an arm is a scenario at one point of the sweeps that apply to it. */
    static double runs(Experiment e) {
        int replications = e.precision().map(Precision::maxReplications).orElse(e.replications());
        double arms = 0;
        for (Scenario s : e.scenarios()) {
            double points = 1;
            for (Sweep sweep : e.sweeps()) {
                if (sweep.parameter().appliesTo(s)) {
                    points *= sweep.values().size();
                }
            }
            arms += points;
        }
        return arms * replications;
    }

    /** Per arm: the peak request rate over the window around the plan's expected duration, capped by maxSimulatedTime. */
    static double requests(Experiment e) {
        int replications = e.precision().map(Precision::maxReplications).orElse(e.replications());
        double total = 0;
        for (Arm arm : Arm.expand(e)) {
            Experiment x = arm.experiment();
            double planS = new PlanCompiler(x.topology(), x.workload(), x.upgrade())
                    .compile(arm.scenario().name(), arm.scenario().strategy()).expectedSeconds();
            double seconds = Math.min(x.preS() + planS + x.postS(), x.maxSimulatedS());
            total += x.workload().arrivals().maxRate() * seconds * replications;
        }
        return total;
    }

    private static String over(String what, double estimate, double limit, String option) {
        return String.format(Locale.ROOT, "this run would take about %s %s, over the limit of %s; if that is meant, run again"
                + " with --force (or raise the limit with %s N)", count(estimate), what, count(limit), option);
    }

    static String count(double v) {
        return v < 1e6 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.2g", v);
    }
}
