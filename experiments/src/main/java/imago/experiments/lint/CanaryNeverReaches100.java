package imago.experiments.lint;

import imago.experiments.report.Numbers;
import imago.model.plan.CanaryAnalysis;
import imago.model.topology.Topology;
import imago.model.workload.RequestType;
import org.apache.commons.math3.distribution.BinomialDistribution;

import java.util.ArrayList;
import java.util.List;

/**
 * A canary analysis that a healthy new version fails or leaves inconclusive, so the canary aborts
 * without any fault: its p99 threshold is below what the quickest request takes on average, or its
 * intervals see so few new-version requests that too many measurements are empty.
 */
record CanaryNeverReaches100() implements Rule {

    /** A hazard worth reporting: the canary aborts in more than half of fault-free runs. */
    static final double LIKELY = 0.5;

    @Override
    public String name() {
        return "canary-never-reaches-100";
    }

    @Override
    public String doc() {
        return "a canary analysis fails or stays inconclusive on a healthy new version (p99 threshold below the quickest request's mean time,"
                + " or intervals too short to see new-version requests), so the canary aborts without a fault";
    }

    @Override
    public List<Finding> check(Subject s) {
        List<Finding> out = new ArrayList<>();
        double rate = s.experiment().workload().arrivals().maxRate();
        for (CanaryChecks.AnalysisAt a : CanaryChecks.analyses(s)) {
            CanaryAnalysis x = a.analysis();
            String why = "";
            double quickest = quickestMeanS(s);
            if (x.metric() == CanaryAnalysis.Metric.P99_LATENCY && x.threshold() < quickest) {
                why = "its p99 threshold " + Numbers.format(x.threshold() * 1000) + " ms is below the mean time of the quickest request ("
                        + Numbers.format(quickest * 1000) + " ms), so every measurement fails";
            } else {
                // Poisson arrivals: an interval sees no new-version request with probability exp(-expected).
                double expected = rate * a.weight() / 100.0 * x.intervalS();
                double empty = Math.exp(-expected);
                double abort = 1 - new BinomialDistribution(x.count(), empty).cumulativeProbability(x.inconclusiveLimit());
                if (abort > LIKELY) {
                    why = "at weight " + a.weight() + "% an interval of " + Numbers.format(x.intervalS()) + " s expects "
                            + Numbers.format(expected) + " new-version requests, so more than " + x.inconclusiveLimit()
                            + " of " + x.count() + " measurements are empty (inconclusive) with probability " + Numbers.format(abort);
                }
            }
            if (!why.isEmpty()) {
                out.add(new Finding(Finding.Severity.WARNING, name(), s.at(CanaryChecks.path(s, a)),
                        "scenario '" + s.scenarios().get(a.scenario()).name() + "' aborts without a fault: " + why, a.planSteps()));
            }
        }
        return out;
    }

    /** The smallest mean service time along a request type's path, summed over its tiers. */
    private static double quickestMeanS(Subject s) {
        Topology topo = s.experiment().topology();
        double best = Double.POSITIVE_INFINITY;
        for (RequestType t : s.experiment().workload().mix()) {
            double sum = 0;
            for (String tier : t.path()) {
                sum += topo.requireTier(tier).serviceTime().mean();
            }
            best = Math.min(best, sum);
        }
        return Double.isFinite(best) ? best : 0;
    }
}
