package imago.executor.run;

import imago.model.plan.PlannedStep;
import imago.model.plan.Step;

import java.util.Optional;

/** Each node's configuration for its version; a parallel universe's database gets the application user. */
record ConfigureAction(Step.Configure step) implements StepAction {

    @Override
    public Done act(RunContext run, PlannedStep ps) throws Exception {
        return StepAction.eachTarget(run, ps, t -> {
            if (run.isDbNode(t)) {
                return run.inNewDatabase(step.universe(), c -> run.system.createAppUser(c, run.appPassword))
                        ? Optional.of(t + ": application user granted") : Optional.empty();
            }
            AppNode n = run.requireNode(step.universe(), t, "configure");
            // Configuration faults are written now, the others happen after the action.
            run.faults.injectAt(ps, t);
            run.nodes.writeConfig(n);
            return Optional.of(t + ": " + n.config().getFileName() + (n.configFault.isPresent() ? " (faulty)" : ""));
        });
    }

    @Override
    public void effect(RunState state) {
        // Configuration changes no node's or data's state.
    }
}
