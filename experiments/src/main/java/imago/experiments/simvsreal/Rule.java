package imago.experiments.simvsreal;

import imago.experiments.stats.Summary;

import java.util.Locale;

/** When a simulated mean is close enough to the real one. */
sealed interface Rule {

    boolean met(Summary real, Summary sim);

    /** The rule as the report and comparison.csv state it. */
    String text();

    /** Within an absolute tolerance (availability: 1 percentage point). */
    record AbsoluteGap(double tolerance) implements Rule {
        @Override
        public boolean met(Summary real, Summary sim) {
            return Math.abs(sim.mean() - real.mean()) <= tolerance + 1e-12;
        }

        @Override
        public String text() {
            return "|gap| <= " + fmt(tolerance);
        }
    }

    /** Within a share of the real value, or a floor when that is below the metric's resolution (a 1 s bin). */
    record RelativeOrFloor(double share, double floor) implements Rule {
        @Override
        public boolean met(Summary real, Summary sim) {
            return Math.abs(sim.mean() - real.mean()) <= Math.max(share * Math.abs(real.mean()), floor) + 1e-12;
        }

        @Override
        public String text() {
            return "|gap| <= " + Math.round(share * 100) + "% of real or " + fmt(floor);
        }
    }

    /**
     * Within a share of the real value, or inside the real runs' 95% confidence interval: with few
     * real runs of a noisy count the interval is the sharper statement of what reality allows.
     */
    record RelativeOrCi(double share) implements Rule {
        @Override
        public boolean met(Summary real, Summary sim) {
            double gap = Math.abs(sim.mean() - real.mean());
            return gap <= share * Math.abs(real.mean()) + 1e-12
                    || (real.n() >= 2 && sim.mean() >= real.ciLow() - 1e-12 && sim.mean() <= real.ciHigh() + 1e-12);
        }

        @Override
        public String text() {
            return "|gap| <= " + Math.round(share * 100) + "% of real or inside real's 95% CI";
        }
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.3g", v);
    }
}
