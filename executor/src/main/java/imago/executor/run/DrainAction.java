package imago.executor.run;

import imago.model.plan.PlannedStep;
import imago.model.plan.Step;

import java.util.LinkedHashSet;
import java.util.Set;

/** Takes nodes out of rotation and waits for their in-flight requests. */
record DrainAction(Step.Drain step) implements StepAction {

    @Override
    public Done act(RunContext run, PlannedStep ps) throws InterruptedException {
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
