package imago.executor.run;

import imago.model.plan.PlannedStep;
import imago.model.plan.Step;

import java.nio.file.Files;
import java.util.Optional;

/** The new version's code into each node's folder; the new schema into a parallel universe's database. */
record InstallAction(Step.Install step) implements StepAction {

    @Override
    public Done act(RunContext run, PlannedStep ps) throws Exception {
        return StepAction.eachTarget(run, ps, t -> {
            if (run.isDbNode(t)) {
                return run.inNewDatabase(step.universe(), c -> run.system.createSchema(c, run.to))
                        ? Optional.of(t + ": " + run.to + " schema created") : Optional.empty();
            }
            AppNode n = run.requireNode(step.universe(), t, "install");
            run.system.install(run.to, n.jar());
            n.version = run.to;
            return Optional.of(t + ": " + run.to + " (" + Files.size(n.jar()) / 1024 + " KiB)");
        });
    }

    @Override
    public void effect(RunState state) {
        step.targets().forEach(t -> state.install(step.universe(), t));
    }
}
