package imago.experiments.lint;

import imago.model.plan.PlannedStep;
import imago.model.strategy.IntOrPercent;
import imago.model.strategy.Strategy;
import imago.model.topology.Tier;

import java.util.ArrayList;
import java.util.List;

/**
 * maxSurge and maxUnavailable, as percentages of a tier, both round to 0: Kubernetes then takes a
 * node out of service anyway (ResolveFenceposts sets maxUnavailable to 1), which the percentages
 * seemed to rule out.
 */
record SurgeAndUnavailableZero() implements Rule {
    @Override
    public String name() {
        return "surge-and-unavailable-zero";
    }

    @Override
    public String doc() {
        return "maxSurge and maxUnavailable both round to 0 for a tier, so the rollout takes one node out of service anyway (Kubernetes' ResolveFenceposts)";
    }

    @Override
    public List<Finding> check(Subject s) {
        List<Finding> out = new ArrayList<>();
        for (int k = 0; k < s.plans().size(); k++) {
            Strategy.Rolling r = switch (s.scenarios().get(k).strategy()) {
                case Strategy.Rolling x -> x;
                case Strategy.DependencyOrdered d -> d.rolling();
                case Strategy.InPlace x -> null;
                case Strategy.BlueGreen x -> null;
                case Strategy.Imago x -> null;
                case Strategy.Canary x -> null;
            };
            if (r == null) {
                continue;
            }
            for (String t : s.experiment().upgrade().tiers()) {
                Tier tier = s.experiment().topology().requireTier(t);
                IntOrPercent surge = r.maxSurge().of(t);
                IntOrPercent unavailable = r.maxUnavailable().of(t);
                if (surge.scaled(tier.replicas(), true) == 0 && unavailable.scaled(tier.replicas(), false) == 0) {
                    List<Integer> steps = s.plans().get(k).steps().stream()
                            .filter(p -> p.step().targets().stream().anyMatch(n -> n.startsWith(t + "-")))
                            .map(PlannedStep::number).toList();
                    out.add(new Finding(Finding.Severity.WARNING, name(), s.at(s.scenarioPath(k) + ".strategy.maxSurge"),
                            "scenario '" + s.scenarios().get(k).name() + "': for tier " + t + " (" + tier.replicas()
                                    + " replicas) maxSurge " + surge + " and maxUnavailable " + unavailable
                                    + " both round to 0, so the rollout takes 1 node out of service at a time; give maxSurge 1"
                                    + " to keep full capacity", steps));
                }
            }
        }
        return out;
    }
}
