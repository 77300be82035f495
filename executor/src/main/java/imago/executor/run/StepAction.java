package imago.executor.run;

import imago.model.plan.PlannedStep;
import imago.model.plan.Step;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What one kind of {@link Step} really does in a run, and the state change it declares. Chosen by
 * an exhaustive switch over {@code Step}: a new step kind does not compile until it has an action.
 */
sealed interface StepAction permits ProvisionAction, DrainAction, WaitAction, StopAction, InstallAction, ConfigureAction,
        StartAction, ConvertDataAction, SyncDataAction, RuntimeTestAction, SwitchAction, RetireAction, RollbackAction,
        SetWeightAction, AnalysisAction {

    static StepAction of(Step step) {
        return switch (step) {
            case Step.Provision s -> new ProvisionAction(s);
            case Step.Drain s -> new DrainAction(s);
            case Step.Wait s -> new WaitAction(s);
            case Step.Stop s -> new StopAction(s);
            case Step.Install s -> new InstallAction(s);
            case Step.Configure s -> new ConfigureAction(s);
            case Step.Start s -> new StartAction(s);
            case Step.ConvertData s -> new ConvertDataAction(s);
            case Step.SyncData s -> new SyncDataAction(s);
            case Step.RuntimeTest s -> new RuntimeTestAction(s);
            case Step.Switch s -> new SwitchAction(s);
            case Step.Retire s -> new RetireAction(s);
            case Step.Rollback s -> new RollbackAction(s);
            case Step.SetWeight s -> new SetWeightAction(s);
            case Step.Analysis s -> new AnalysisAction(s);
        };
    }

    /**
     * Carries the step out on the real system; returns what it did.
     *
     * @throws StepFailure when the step could not do what it had to (the run recovers)
     */
    Done act(RunContext run, PlannedStep ps) throws Exception;

    /** What a step did, for the step log; whether its {@link #effect} happened (a kept universe: not). */
    record Done(String detail, boolean took) {
    }

    static Done done(String detail) {
        return new Done(detail, true);
    }

    /** The step had nothing to do, or was held back: the state stays as it was. */
    static Done unchanged(String detail) {
        return new Done(detail, false);
    }

    /** The change to the run's node and data state once the step has succeeded. */
    void effect(RunState state);

    /** What an action does to one target; empty when nothing worth logging. */
    interface TargetPart {
        Optional<String> on(String target) throws Exception;
    }

    /** Runs {@code part} on each target, then injects the faults due there; returns what was done. */
    static Done eachTarget(RunContext run, PlannedStep ps, TargetPart part) throws Exception {
        List<String> done = new ArrayList<>();
        for (String t : ps.step().targets()) {
            part.on(t).ifPresent(done::add);
            run.faults.injectAt(ps, t);
        }
        return done(String.join("; ", done));
    }
}
