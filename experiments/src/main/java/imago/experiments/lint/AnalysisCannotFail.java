package imago.experiments.lint;

import imago.model.plan.CanaryAnalysis;

import java.util.ArrayList;
import java.util.List;

/** An analysis whose threshold or limits no measurement can trip: a faulty canary is promoted. */
record AnalysisCannotFail() implements Rule {
    @Override
    public String name() {
        return "analysis-cannot-fail";
    }

    @Override
    public String doc() {
        return "a canary analysis can never fail (failureLimit >= count, or an error-rate threshold of 1 or more), so it promotes a faulty canary";
    }

    @Override
    public List<Finding> check(Subject s) {
        List<Finding> out = new ArrayList<>();
        for (CanaryChecks.AnalysisAt a : CanaryChecks.analyses(s)) {
            CanaryAnalysis x = a.analysis();
            String why = x.failureLimit() >= x.count()
                    ? "failureLimit " + x.failureLimit() + " tolerates all " + x.count() + " measurements failing"
                    : x.metric() == CanaryAnalysis.Metric.ERROR_RATE && x.threshold() >= 1
                    ? "an error rate cannot exceed threshold " + x.threshold() : "";
            if (!why.isEmpty()) {
                out.add(new Finding(Finding.Severity.WARNING, name(), s.at(CanaryChecks.path(s, a)),
                        "scenario '" + s.scenarios().get(a.scenario()).name() + "': the analysis at weight " + a.weight()
                                + "% can never fail: " + why, a.planSteps()));
            }
        }
        return out;
    }
}
