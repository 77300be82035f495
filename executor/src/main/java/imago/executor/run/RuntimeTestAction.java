package imago.executor.run;

import imago.model.plan.PlannedStep;
import imago.model.plan.Step;

import java.time.Duration;
import java.util.List;

/**
 * The runtime test as traffic, the simulator's rule: for the test's duration, the plan's coverage
 * share of the reads production sends (a seeded draw per read) is replayed against both universes
 * as it is sent, and one read that the new universe fails or answers differently is a catch
 * ({@link ReadReplay}), judged at the end.
 */
record RuntimeTestAction(Step.RuntimeTest step) implements StepAction {

    @Override
    public Done act(RunContext run, PlannedStep ps) throws InterruptedException, StepFailure {
        Duration length = run.scaled(step.duration().mean());
        double coverage = Math.clamp(step.coverage(), 0.0, 1.0);
        if (coverage == 0) {
            // Nothing replayed: whatever the new universe gets wrong goes live at the switch. The
            // test still takes its time, as in the simulator.
            Thread.sleep(length.toMillis());
            return StepAction.done("no reads replayed (coverage " + step.coverage() + ")");
        }
        List<AppNode> prod = run.apps.values().stream().filter(n -> n.universe == run.serving && n.inRotation).toList();
        List<AppNode> par = run.apps.values().stream().filter(n -> n.universe != run.serving && n.running()).toList();
        List<AppNode> parAll = run.apps.values().stream().filter(n -> n.universe != run.serving && !n.version.isEmpty()).toList();
        if (prod.isEmpty()) {
            throw new StepFailure("runtime test: no production node to compare with", List.of());
        }
        if (par.isEmpty() || par.size() < parAll.size()) {
            throw new StepFailure("runtime test: parallel nodes not running", parAll.stream().map(n -> n.name).toList());
        }
        // The load and the canary split are seeded with the same run seed; the selection keeps a stream of its own.
        ReplaySelection selection = ReplaySelection.of(run.experiment.seed() * 31 + run.options.replication(), coverage);
        // Each replay asks production, then the new universe, each within a client time-out.
        Duration answers = run.clientTimeout.multipliedBy(2).plusSeconds(1);
        ReadReplay.Outcome found = new ReadReplay(selection, run.http, prod, par).during(run.load, length, answers);
        if (found.caught()) {
            throw new StepFailure("runtime test: " + found.summary() + "; first: " + found.first().getFirst(),
                    found.badNodes());
        }
        return StepAction.done(found.summary());
    }

    @Override
    public void effect(RunState state) {
        // A test observes; it changes nothing.
    }
}
