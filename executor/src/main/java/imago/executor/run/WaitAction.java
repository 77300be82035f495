package imago.executor.run;

import imago.model.plan.PlannedStep;
import imago.model.plan.Step;

import java.time.Duration;

/** A pause (rolling's pause, the old universe kept after a switch): watches production, changes nothing. */
record WaitAction(Step.Wait step) implements StepAction {

    @Override
    public Done act(RunContext run, PlannedStep ps) throws InterruptedException {
        Duration pause = run.scaled(step.duration().mean());
        long t0 = System.nanoTime();
        run.observe(pause);
        long waited = (System.nanoTime() - t0) / 1_000_000;
        boolean cut = waited + 20 < pause.toMillis();
        return StepAction.done("waited " + waited + " ms" + (cut ? " of " + pause.toMillis() + " (a fault was detected)" : ""));
    }

    @Override
    public void effect(RunState state) {
    }
}
