package imago.executor.run;

import imago.model.plan.PlannedStep;
import imago.model.plan.Step;

/**
 * Plans carry no Rollback: the executor's {@link Recovery} decides and performs one when a fault is
 * detected, and logs it as this kind.
 */
record RollbackAction(Step.Rollback step) implements StepAction {

    @Override
    public Done act(RunContext run, PlannedStep ps) {
        return StepAction.unchanged("rollback steps are added by the executor when needed");
    }

    @Override
    public void effect(RunState state) {
        step.targets().forEach(t -> state.rollBack(step.universe(), t));
    }
}
