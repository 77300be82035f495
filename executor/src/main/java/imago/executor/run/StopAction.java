package imago.executor.run;

import imago.executor.db.DatabaseServer;
import imago.model.plan.PlannedStep;
import imago.model.plan.Step;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Stops the targets' processes (SIGTERM, then kill), out of rotation first. */
record StopAction(Step.Stop step) implements StepAction {

    @Override
    public Done act(RunContext run, PlannedStep ps) {
        List<String> stopped = new ArrayList<>();
        for (String t : step.targets()) {
            if (run.isDbNode(t)) {
                Optional.ofNullable(run.dbs.get(step.universe())).ifPresent(DatabaseServer::stop);
                stopped.add(t);
            } else {
                run.node(step.universe(), t).ifPresent(n -> {
                    run.nodes.stop(n);
                    stopped.add(t);
                });
            }
        }
        run.countNodes();
        return StepAction.done("stopped " + stopped);
    }

    @Override
    public void effect(RunState state) {
        step.targets().forEach(t -> state.stop(step.universe(), t));
    }
}
