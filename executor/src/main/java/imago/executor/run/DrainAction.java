package imago.executor.run;

import imago.model.plan.PlannedStep;
import imago.model.plan.Step;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;

/** Takes nodes out of rotation and waits for their in-flight requests; without targets, a wait. */
record DrainAction(Step.Drain step) implements StepAction {

    @Override
    public Done act(RunContext run, PlannedStep ps) throws InterruptedException {
        if (step.targets().isEmpty()) {
            Duration pause = run.scaled(step.duration().mean());
            long t0 = System.nanoTime();
            run.observe(pause);
            long waited = (System.nanoTime() - t0) / 1_000_000;
            boolean cut = waited + 20 < pause.toMillis();
            return StepAction.done("waited " + waited + " ms" + (cut ? " of " + pause.toMillis() + " (a fault was detected)" : ""));
        }
        Set<String> ids = new LinkedHashSet<>();
        for (String t : step.targets()) {
            run.node(step.universe(), t).ifPresent(n -> {
                ids.add(n.id());
                n.inRotation = false;
            });
        }
        run.ingress.drain(ids, true, run.clientTimeout.plusSeconds(1));
        return StepAction.done("drained " + ids);
    }

    @Override
    public void effect(RunState state) {
        step.targets().forEach(t -> state.route(step.universe(), t, false));
    }
}
