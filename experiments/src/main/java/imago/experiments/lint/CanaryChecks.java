package imago.experiments.lint;

import imago.model.plan.CanaryAnalysis;
import imago.model.plan.PlannedStep;
import imago.model.plan.Step;
import imago.model.strategy.CanaryStep;
import imago.model.strategy.Strategy;

import java.util.ArrayList;
import java.util.List;

/** The canary scenarios' analyses, each with the weight in force when it runs and where it stands. */
final class CanaryChecks {

    /** One analysis step of a canary scenario. */
    record AnalysisAt(int scenario, int stepIndex, int weight, CanaryAnalysis analysis, List<Integer> planSteps) {
    }

    private CanaryChecks() {
    }

    static List<AnalysisAt> analyses(Subject s) {
        List<AnalysisAt> out = new ArrayList<>();
        for (int k = 0; k < s.plans().size(); k++) {
            if (!(s.scenarios().get(k).strategy() instanceof Strategy.Canary c)) {
                continue;
            }
            List<Integer> planSteps = s.plans().get(k).steps().stream().filter(p -> p.step() instanceof Step.Analysis)
                    .map(PlannedStep::number).toList();
            int weight = 0;
            int nth = 0;
            for (int j = 0; j < c.steps().size(); j++) {
                switch (c.steps().get(j)) {
                    case CanaryStep.SetWeight w -> weight = w.percent();
                    case CanaryStep.Pause p -> { }
                    case CanaryStep.Analysis a -> {
                        List<Integer> at = nth < planSteps.size() ? List.of(planSteps.get(nth)) : List.of();
                        out.add(new AnalysisAt(k, j, weight, a.analysis(), at));
                        nth++;
                    }
                }
            }
        }
        return out;
    }

    static String path(Subject s, AnalysisAt a) {
        return s.scenarioPath(a.scenario()) + ".strategy.steps[" + a.stepIndex() + "].analysis";
    }
}
