package imago.executor.run;

import imago.model.plan.StepKind;
import imago.model.plan.Universe;

import java.util.List;

/** One executed step, with real times ({@link System#nanoTime()}), its status and what it did. */
public record StepRecord(int number, int group, StepKind kind, Universe universe, List<String> targets,
                         long startNanos, long endNanos, String status, String detail) {
    public StepRecord {
        targets = List.copyOf(targets);
    }
}
