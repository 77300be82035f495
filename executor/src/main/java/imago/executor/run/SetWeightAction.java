package imago.executor.run;

import imago.executor.ingress.Routing;
import imago.model.plan.PlannedStep;
import imago.model.plan.Step;

import java.util.Optional;

/**
 * Sets the canary's weight at the ingress: from now on a new session goes to the new version's
 * nodes (started beside the stable ones by the plan's steps before this) with probability
 * weight/100 and stays there; sessions already placed keep their side ({@link Routing.Split}).
 */
record SetWeightAction(Step.SetWeight step) implements StepAction {

    @Override
    public Done act(RunContext run, PlannedStep ps) {
        run.ingress.update(r -> r.withSplit(Optional.of(r.split().orElse(run.split()).withWeight(step.percent()))));
        long canaries = run.ingress.routing().count(run.to);
        return StepAction.done("weight " + step.percent() + "%: new sessions to " + run.to + " (" + canaries
                + " node(s) in rotation) with probability " + step.percent() / 100.0);
    }

    @Override
    public void effect(RunState state) {
        state.weight(step.percent());
    }
}
