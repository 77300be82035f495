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
            return gap <= share * Math.abs(real.mean()) + 1e-12 || insideRealCi(real, sim);
        }

        @Override
        public String text() {
            return "|gap| <= " + Math.round(share * 100) + "% of real or inside real's 95% CI";
        }
    }

    /**
     * A count per run (races): within a share of the real mean, or inside the real runs' 95% t
     * interval or the exact (Garwood) Poisson 95% interval of their rate. A t interval collapses
     * to a point when every real run counted 0, though three runs without a race only bound the
     * rate by 3.69 / 3 per run; the exact interval of K counts over n runs is
     * [chi2(0.025; 2K) / 2n, chi2(0.975; 2K + 2) / 2n].
     */
    record CountRelativeOrCi(double share) implements Rule {
        @Override
        public boolean met(Summary real, Summary sim) {
            // Runs that differ more than a Poisson count would (overdispersion) widen the t interval instead.
            if (new RelativeOrCi(share).met(real, sim)) {
                return true;
            }
            if (real.n() < 1) {
                return false;
            }
            double[] ci = poisson(real.mean(), real.n());
            return sim.mean() >= ci[0] - 1e-12 && sim.mean() <= ci[1] + 1e-12;
        }

        /** The exact 95% interval of a Poisson rate per run, from {@code n} runs with mean count {@code mean}. */
        static double[] poisson(double mean, int n) {
            long k = Math.round(mean * n);
            double low = k == 0 ? 0 : new org.apache.commons.math3.distribution.ChiSquaredDistribution(2.0 * k)
                    .inverseCumulativeProbability(0.025) / 2;
            double high = new org.apache.commons.math3.distribution.ChiSquaredDistribution(2.0 * k + 2)
                    .inverseCumulativeProbability(0.975) / 2;
            return new double[] {low / n, high / n};
        }

        @Override
        public String text() {
            return "|gap| <= " + Math.round(share * 100) + "% of real or inside real's 95% t or exact Poisson CI";
        }
    }

    /** Whether the simulated mean lies inside the real runs' 95% t interval (which one run does not have). */
    static boolean insideRealCi(Summary real, Summary sim) {
        return real.n() >= 2 && sim.mean() >= real.ciLow() - 1e-12 && sim.mean() <= real.ciHigh() + 1e-12;
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.3g", v);
    }
}
