package imago.executor.run;

import imago.model.plan.PlannedStep;
import imago.model.plan.Step;

/**
 * Placeholder so the executor compiles with the canary's step kinds (SetWeight, Analysis) and its
 * abort: the executor does not run canaries yet. The weighted, sticky ingress and the analysis of
 * its request log come with branch i-exec-canary, which replaces this class.
 */
record CanaryNotYetAction(Step step) implements StepAction {

    static UnsupportedOperationException refused() {
        return new UnsupportedOperationException("the executor does not run canaries yet: use --backend sim");
    }

    @Override
    public Done act(RunContext run, PlannedStep ps) {
        throw refused();
    }

    @Override
    public void effect(RunState state) {
        throw refused();
    }
}
