package imago.executor.run;

import imago.executor.db.DatabaseServer;
import imago.model.plan.PlannedStep;
import imago.model.plan.Step;

import java.util.Optional;

/** A node folder and a free port for each application node; a database server for a new universe. */
record ProvisionAction(Step.Provision step) implements StepAction {

    @Override
    public Done act(RunContext run, PlannedStep ps) throws Exception {
        return StepAction.eachTarget(run, ps, t -> {
            if (!run.isDbNode(t)) {
                Optional<AppNode> existing = run.node(step.universe(), t);
                AppNode n = existing.isPresent() ? existing.get() : run.nodes.create(t, step.universe());
                return Optional.of(t + ": port " + n.port);
            }
            if (run.dbs.containsKey(step.universe())) {
                return Optional.empty();
            }
            DatabaseServer db = run.startDatabase(step.universe(), t);
            run.countNodes();
            return Optional.of(t + ": database server on port " + db.port());
        });
    }

    @Override
    public void effect(RunState state) {
        step.targets().forEach(t -> state.provision(step.universe(), t, state.isDbNode(t)));
    }
}
