package imago.executor.run;

import imago.model.metrics.Outcome;

import java.util.Map;

/**
 * How the run ended: decided once the plan and any recovery are over, from what the run observed.
 * The precedence is the model's ({@link Outcome#of}); what the executor adds is how it measures
 * whether production is still broken at the end.
 */
final class Verdict {

    private final RunContext run;

    Verdict(RunContext run) {
        this.run = run;
    }

    /**
     * The verdict's measure: the serving nodes (and the ingress) that still fail the monitor's rule
     * once the plan and any recovery are over. A failing measurement may be a recovery still
     * warming up, so it is measured again until it clears, for at most the monitor's settle time.
     */
    Map<String, String> settledFailures() throws InterruptedException {
        ProductionMonitor monitor = run.monitor;
        long until = System.nanoTime() + monitor.settle().toNanos();
        Map<String, String> failing = monitor.failingNow();
        while (!failing.isEmpty() && System.nanoTime() < until) {
            Thread.sleep(monitor.interval().toMillis());
            failing = monitor.failingNow();
        }
        if (!failing.isEmpty()) {
            run.note("production still failing at the end: " + failing);
        }
        return failing;
    }

    Outcome outcome(Map<String, String> failingAtEnd) {
        return Outcome.of(new Outcome.Facts(run.timedOut, run.syncNeverConverges, !failingAtEnd.isEmpty(), run.rolledBack));
    }
}
