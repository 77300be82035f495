package imago.executor.run;

import imago.model.plan.PlannedStep;
import imago.model.plan.Step;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * Launches each node and waits until it is ready; in the serving universe it then waits the
 * readiness delay and goes into rotation (a parallel universe's nodes wait for the switch).
 */
record StartAction(Step.Start step) implements StepAction {

    @Override
    public Done act(RunContext run, PlannedStep ps) throws Exception {
        List<Future<String>> started = new ArrayList<>();
        for (String t : step.targets()) {
            if (run.isDbNode(t)) {
                run.requireDb(step.universe());
                continue;
            }
            AppNode n = run.requireNode(step.universe(), t, "start");
            run.faults.injectAt(ps, t);
            if (n.configFault.isPresent()) {
                run.nodes.writeConfig(n);
            }
            started.add(run.stepThreads.submit(() -> {
                run.nodes.launch(n);
                if (step.universe() == run.serving) {
                    Thread.sleep(run.scaled(step.readinessDelayS()).toMillis());
                    run.nodes.putInRotation(n);
                }
                return t;
            }));
        }
        List<String> ok = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        StringBuilder why = new StringBuilder();
        for (Future<String> f : started) {
            try {
                ok.add(f.get());
            } catch (ExecutionException e) {
                if (e.getCause() instanceof StepFailure sf) {
                    failed.addAll(sf.nodes);
                    why.append(sf.getMessage()).append(' ');
                } else {
                    throw e;
                }
            }
        }
        run.countNodes();
        if (!failed.isEmpty()) {
            throw new StepFailure(why.toString().trim(), failed);
        }
        return StepAction.done("started " + ok + (step.universe() == run.serving ? " and put in rotation" : ""));
    }

    @Override
    public void effect(RunState state) {
        // Routable: in rotation now, or from the switch on for a universe that does not serve yet. A
        // database server runs from its Provision (Install needs it), but counts as started here.
        step.targets().forEach(t -> state.start(step.universe(), t));
    }
}
