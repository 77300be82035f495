package imago.model.plan;

/**
 * A step at its place in a plan: {@code number} counts from 1; steps with the same {@code group}
 * run in parallel, and groups run one after another.
 */
public record PlannedStep(int number, int group, Step step) {
}
