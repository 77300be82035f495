package imago.model.experiment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One thing to replicate: a scenario at one point of the sweep grid, with the experiment as that
 * point changes it. Without sweeps there is one arm per scenario, labelled by the scenario name.
 *
 * @param label      the scenario name, plus the point for swept arms: {@code rolling[maxUnavailable=2]}
 * @param point      parameter (config name) to value, for the parameters that apply to this arm
 * @param experiment the experiment with the point applied
 * @param scenario   the scenario with the point applied
 */
public record Arm(String label, Map<String, Double> point, Experiment experiment, Scenario scenario) {

    public Arm {
        point = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(point));
    }

    /**
     * Every arm of an experiment: each scenario at each point of the grid of its sweeps that
     * applies to it (a parameter of another strategy does not multiply a scenario's arms).
     */
    public static List<Arm> expand(Experiment e) {
        List<Arm> arms = new ArrayList<>();
        Set<String> labels = new LinkedHashSet<>();
        for (Scenario s : e.scenarios()) {
            List<Arm> partial = List.of(new Arm(s.name(), Map.of(), e, s));
            for (Sweep sweep : e.sweeps()) {
                if (!sweep.parameter().appliesTo(s)) {
                    continue;
                }
                List<Arm> next = new ArrayList<>();
                for (Arm a : partial) {
                    for (double v : sweep.values()) {
                        next.add(sweep.parameter().apply(a, v));
                    }
                }
                partial = next;
            }
            for (Arm a : partial) {
                Arm labelled = new Arm(label(s.name(), a.point()), a.point(), a.experiment(), a.scenario());
                if (labels.add(labelled.label())) {
                    arms.add(labelled);
                }
            }
        }
        return arms;
    }

    /** The label of a scenario at a grid point: {@code rolling[maxUnavailable=2]}. */
    public static String label(String scenario, Map<String, Double> point) {
        if (point.isEmpty()) {
            return scenario;
        }
        List<String> parts = new ArrayList<>();
        point.forEach((k, v) -> parts.add(SweepParameter.parse(k).orElseThrow().shortName() + "=" + number(v)));
        return scenario + "[" + String.join(",", parts) + "]";
    }

    private static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%s", v);
    }
}
