package imago.experiments.report;

import imago.model.plan.Plan;
import imago.model.plan.PlannedStep;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A stretch of an upgrade shown on a timeline, in the timeline's seconds.
 *
 * @param label  what happens then, e.g. {@code "Drain+Stop"}
 * @param startS first second
 * @param endS   last second, not before {@code startS}
 */
public record Phase(String label, double startS, double endS) {

    public Phase {
        Objects.requireNonNull(label, "label");
        if (!Double.isFinite(startS) || !Double.isFinite(endS) || endS < startS) {
            throw new IllegalArgumentException("phase '" + label + "' must have finite start <= end, got "
                    + startS + ".." + endS);
        }
    }

    /**
     * The phases a plan is expected to go through when its first step starts at
     * {@code firstStepS}: one per parallel group, lasting its longest step's expected time,
     * labelled with the kinds of its steps; neighbouring groups with the same label are merged.
     * Stops at a step that is not expected to end (a data sync that never converges).
     */
    public static List<Phase> fromPlan(Plan plan, double firstStepS) {
        List<Phase> out = new ArrayList<>();
        double t = firstStepS;
        for (List<PlannedStep> group : plan.groups()) {
            double length = group.stream().mapToDouble(s -> s.step().expectedSeconds()).max().orElse(0);
            if (!Double.isFinite(length)) {
                break;
            }
            Set<String> kinds = new LinkedHashSet<>();
            for (PlannedStep s : group) {
                kinds.add(s.step().kind().configName());
            }
            String label = String.join("+", kinds);
            if (!out.isEmpty() && out.getLast().label().equals(label) && out.getLast().endS() == t) {
                out.set(out.size() - 1, new Phase(label, out.getLast().startS(), t + length));
            } else if (length > 0) {
                out.add(new Phase(label, t, t + length));
            }
            t += length;
        }
        return List.copyOf(out);
    }
}
