package imago.experiments.lint;

import imago.experiments.report.Numbers;
import imago.model.experiment.Experiment;
import imago.model.plan.PlannedStep;
import imago.model.plan.Step;
import imago.model.plan.Universe;
import imago.model.strategy.Strategy;
import imago.model.topology.Tier;

import java.util.ArrayList;
import java.util.List;

/**
 * The old universe is retired sooner after the switch than a fault that escaped into production
 * would be detected, so there is nothing left to switch back to.
 */
record KeepOldShorterThanDetection() implements Rule {

    @Override
    public String name() {
        return "keep-old-shorter-than-detection";
    }

    @Override
    public String doc() {
        return "the old universe is retired before a fault that escaped past the switch would be detected, so the switch cannot be reversed";
    }

    @Override
    public List<Finding> check(Subject s) {
        List<Finding> out = new ArrayList<>();
        double detect = detectionSeconds(s);
        for (int k = 0; k < s.plans().size(); k++) {
            double keep = switch (s.scenarios().get(k).strategy()) {
                case Strategy.BlueGreen b -> b.keepOldS();
                case Strategy.Imago i -> i.keepOldS();
                case Strategy.InPlace i -> Double.NaN;
                case Strategy.Rolling r -> Double.NaN;
                case Strategy.DependencyOrdered d -> Double.NaN;
                case Strategy.Canary c -> Double.NaN; // its stable nodes serve throughout: nothing to switch back to
            };
            // The old universe is gone when its Retire step ends.
            keep += s.experiment().upgrade().stepTime(imago.model.plan.StepKind.RETIRE).mean();
            if (!(keep < detect)) {
                continue;
            }
            List<Integer> steps = new ArrayList<>();
            for (PlannedStep p : s.plans().get(k).steps()) {
                if (p.step() instanceof Step.Switch || (p.step() instanceof Step.Retire r && r.universe() == Universe.PRODUCTION)) {
                    steps.add(p.number());
                }
            }
            out.add(new Finding(Finding.Severity.WARNING, name(), s.at(s.scenarioPath(k) + ".strategy.keepOld"),
                    "scenario '" + s.scenarios().get(k).name() + "' has retired the old universe about " + Numbers.format(keep)
                            + " s after the switch (keepOld and the Retire step); a fault that breaks a new node outright is detected after about "
                            + Numbers.format(detect) + " s, too late to switch back", steps));
        }
        return out;
    }

    /**
     * About how long the experiment's production monitor takes to detect a new node that fails
     * every request: a window and its consecutive measurements, at the per-node rate of the
     * smallest upgraded tier.
     */
    static double detectionSeconds(Subject s) {
        Experiment e = s.experiment();
        int replicas = e.upgrade().tiers().stream().map(t -> e.topology().tier(t)).flatMap(java.util.Optional::stream)
                .mapToInt(Tier::replicas).min().orElse(1);
        return e.monitor().settleS(e.workload().arrivals().maxRate() / replicas);
    }
}
