package imago.experiments.lint;

import imago.model.plan.PlanState;
import imago.model.plan.PlannedStep;
import imago.model.plan.Step;
import imago.model.plan.Universe;
import imago.model.upgrade.InterfaceChange;
import imago.model.workload.AsyncInteractions;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An interface the upgrade moves is used asynchronously while both versions serve it, or across a
 * switch that does not wait for open sessions' callbacks: a callback issued by one version is
 * consumed by the other.
 */
record RaceWithoutDrain() implements Rule {
    @Override
    public String name() {
        return "race-without-drain";
    }

    @Override
    public String doc() {
        return "callbacks of an interface the upgrade changes can cross versions: both versions serve it at once, or a switch does not drain sessions";
    }

    @Override
    public List<Finding> check(Subject s) {
        List<Finding> out = new ArrayList<>();
        AsyncInteractions async = s.experiment().workload().async();
        Optional<InterfaceChange> moved = s.experiment().upgrade().interfaces().stream()
                .filter(i -> i.name().equals(async.interfaceName())).findFirst();
        if (async.fraction() <= 0 || moved.isEmpty()) {
            return out;
        }
        String tier = moved.get().fromTier();
        for (int k = 0; k < s.plans().size(); k++) {
            List<Integer> steps = new ArrayList<>(s.stepsWhere(k, st -> mixed(st, tier)));
            for (PlannedStep p : s.plans().get(k).steps()) {
                if (p.step() instanceof Step.Switch sw && !sw.drainSessions()) {
                    steps.add(p.number());
                }
            }
            if (!steps.isEmpty()) {
                out.add(new Finding(Finding.Severity.WARNING, name(), s.at(s.scenarioPath(k) + ".strategy"),
                        "scenario '" + s.scenarios().get(k).name() + "': " + Math.round(100 * async.fraction())
                                + "% of requests leave a callback on interface '" + async.interfaceName() + "', which the upgrade moves ("
                                + moved.get().move().configName() + "), and callbacks can reach the other version of " + tier
                                + " (both versions serve it, or the switch does not drain sessions)", steps));
            }
        }
        return out;
    }

    private static boolean mixed(PlanState st, String tier) {
        Universe u = st.servingUniverse();
        boolean oldServes = false, newServes = false;
        for (String n : st.servingNodes(tier)) {
            if (st.node(u, n).newVersion()) {
                newServes = true;
            } else {
                oldServes = true;
            }
        }
        return oldServes && newServes;
    }
}
