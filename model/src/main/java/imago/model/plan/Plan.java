package imago.model.plan;

import imago.model.strategy.Strategy;

import java.util.ArrayList;
import java.util.List;

/**
 * An ordered list of steps, in parallel groups, that one scenario's strategy compiled to, and how
 * a run of it recovers from a detected fault. Runners read the steps and the recovery policy; the
 * strategy is kept for reports only.
 */
public record Plan(String scenario, Strategy strategy, List<PlannedStep> steps, RecoveryPolicy recovery) {

    /** A plan whose faults are all repaired in place. */
    public Plan(String scenario, Strategy strategy, List<PlannedStep> steps) {
        this(scenario, strategy, steps, RecoveryPolicy.repairInPlace());
    }

    public Plan {
        steps = List.copyOf(steps);
        int group = 0;
        for (int i = 0; i < steps.size(); i++) {
            PlannedStep s = steps.get(i);
            if (s.number() != i + 1) {
                throw new IllegalArgumentException("step numbers must run 1..n");
            }
            if (s.group() < group || s.group() > group + 1) {
                throw new IllegalArgumentException("groups must run in order without gaps");
            }
            group = s.group();
        }
    }

    /** The steps group by group. */
    public List<List<PlannedStep>> groups() {
        List<List<PlannedStep>> out = new ArrayList<>();
        for (PlannedStep s : steps) {
            if (out.isEmpty() || out.getLast().getFirst().group() != s.group()) {
                out.add(new ArrayList<>());
            }
            out.getLast().add(s);
        }
        return out.stream().map(List::copyOf).toList();
    }

    /** {@code extra} numbered after this plan's steps, each a group of its own (a recovery's steps). */
    public List<PlannedStep> after(List<Step> extra) {
        int number = steps.size();
        int group = steps.isEmpty() ? 0 : steps.getLast().group();
        List<PlannedStep> out = new ArrayList<>(extra.size());
        for (Step s : extra) {
            out.add(new PlannedStep(++number, ++group, s));
        }
        return out;
    }

    /** The expected time from the first step's start to the last step's end. */
    public double expectedSeconds() {
        double total = 0;
        for (List<PlannedStep> g : groups()) {
            total += g.stream().mapToDouble(s -> s.step().expectedSeconds()).max().orElse(0);
        }
        return total;
    }

    /** Builds a plan group by group. */
    public static final class Builder {
        private final List<PlannedStep> steps = new ArrayList<>();
        private int group = 0;
        private boolean open = false;

        /** Starts a new parallel group; the steps added next run together. */
        public Builder group() {
            if (open) {
                group++;
            }
            open = false;
            return this;
        }

        public Builder add(Step step) {
            if (!open) {
                group = steps.isEmpty() ? 1 : steps.getLast().group() + 1;
                open = true;
            }
            steps.add(new PlannedStep(steps.size() + 1, group, step));
            return this;
        }

        /** Adds a step as a group of its own. */
        public Builder then(Step step) {
            group();
            add(step);
            group();
            return this;
        }

        public Plan build(String scenario, Strategy strategy) {
            return build(scenario, strategy, RecoveryPolicy.repairInPlace());
        }

        public Plan build(String scenario, Strategy strategy, RecoveryPolicy recovery) {
            return new Plan(scenario, strategy, steps, recovery);
        }
    }
}
