package imago.experiments.lint;

import imago.model.config.Location;
import imago.model.experiment.Experiment;
import imago.model.experiment.Scenario;
import imago.model.plan.Plan;
import imago.model.plan.PlanState;
import imago.model.plan.PlannedStep;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * What lint looks at: the experiment, each scenario's compiled plan (with its index in the file),
 * and the file's YAML tree to point at elements.
 */
record Subject(Experiment experiment, List<Scenario> scenarios, List<Integer> indices, List<Plan> plans, Locator locator) {

    Subject {
        scenarios = List.copyOf(scenarios);
        indices = List.copyOf(indices);
        plans = List.copyOf(plans);
    }

    Location at(String path) {
        return locator.of(path);
    }

    /** The config path of scenario {@code k} (k-th linted, its index in the file). */
    String scenarioPath(int k) {
        return "scenarios[" + indices.get(k) + "]";
    }

    /**
     * Walks plan {@code k} group by group with the reference state ({@link PlanState}), and returns
     * the numbers of the steps of every group after which {@code hazard} holds.
     */
    List<Integer> stepsWhere(int k, Predicate<PlanState> hazard) {
        PlanState state = new PlanState(experiment.topology());
        List<Integer> out = new ArrayList<>();
        for (List<PlannedStep> group : plans.get(k).groups()) {
            boolean[] hit = {false};
            state.applyGroup(group, s -> hit[0] |= hazard.test(s));
            if (hit[0]) {
                group.forEach(p -> out.add(p.number()));
            }
        }
        return out;
    }
}
