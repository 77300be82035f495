package imago.executor.run;

import imago.executor.metrics.CanaryWindow;
import imago.model.plan.CanaryAnalysis;
import imago.model.plan.PlannedStep;
import imago.model.plan.Step;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A canary's analysis on the ingress' live request log: every {@code interval} seconds (real
 * seconds: a measurement's window, not a policy wait, so the time scale leaves it alone) the
 * requests the new version's nodes served in that interval are measured ({@link CanaryWindow}) and
 * judged by the model's {@link CanaryAnalysis}, at most {@code count} times. A failed analysis, or
 * an inconclusive one (no request to judge, more often than tolerated), fails the step: the
 * recovery aborts the canary.
 */
record AnalysisAction(Step.Analysis step) implements StepAction {

    @Override
    public Done act(RunContext run, PlannedStep ps) throws InterruptedException, StepFailure {
        CanaryAnalysis a = step.analysis();
        long interval = (long) (a.intervalS() * 1e9);
        List<String> taken = new ArrayList<>();
        int failed = 0;
        int inconclusive = 0;
        long from = System.nanoTime();
        for (int i = 1; i <= a.count(); i++) {
            long to = from + interval;
            sleepUntil(to);
            CanaryWindow w = CanaryWindow.of(run.ingress.servedSince(from), run.to, from, to);
            CanaryAnalysis.Measurement m = a.measure(w.answered(), w.failed(), w.p99S());
            failed += m == CanaryAnalysis.Measurement.FAILED ? 1 : 0;
            inconclusive += m == CanaryAnalysis.Measurement.INCONCLUSIVE ? 1 : 0;
            taken.add(String.format(Locale.ROOT, "%s (%d answered, %d failed, p99 %.3f s)",
                    m.name().toLowerCase(Locale.ROOT), w.answered(), w.failed(), w.p99S()));
            CanaryAnalysis.Phase phase = a.assess(i, failed, inconclusive);
            if (phase.aborts()) {
                throw new StepFailure("analysis " + phase.name().toLowerCase(Locale.ROOT) + " after " + i + " of "
                        + a.count() + " measurements of " + a.metric().configName() + " on " + run.to + ": "
                        + String.join("; ", taken), List.of());
            }
            if (phase == CanaryAnalysis.Phase.SUCCESSFUL) {
                break;
            }
            from = to;
        }
        return StepAction.done("analysis successful: " + String.join("; ", taken));
    }

    private static void sleepUntil(long nanos) throws InterruptedException {
        long left;
        while ((left = nanos - System.nanoTime()) > 0) {
            Thread.sleep(Math.max(1, Math.min(100, left / 1_000_000)));
        }
    }

    @Override
    public void effect(RunState state) {
    }
}
