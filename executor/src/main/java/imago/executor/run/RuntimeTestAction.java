package imago.executor.run;

import imago.executor.process.Http;
import imago.model.plan.PlannedStep;
import imago.model.plan.Step;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Replays recent production reads (the plan's coverage share of them) against both universes and
 * compares the answers through the old and new data representations ({@link AnswerComparator}).
 */
record RuntimeTestAction(Step.RuntimeTest step) implements StepAction {

    @Override
    public Done act(RunContext run, PlannedStep ps) throws InterruptedException, StepFailure {
        Duration length = run.scaled(step.duration().mean());
        List<String> paths = new ArrayList<>(run.load.recentReads(200));
        for (int i = 1; paths.size() < 40; i++) {
            paths.add("/items/" + i);
        }
        // The plan's coverage is the share of those reads replayed: at 0 nothing is compared, and
        // whatever the new universe gets wrong goes live at the switch.
        paths = paths.subList(0, (int) Math.round(paths.size() * Math.clamp(step.coverage(), 0.0, 1.0)));
        if (paths.isEmpty()) {
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
        long pace = length.toNanos() / paths.size();
        long begin = System.nanoTime();
        int compared = 0;
        List<String> differences = new ArrayList<>();
        Set<String> badNodes = new LinkedHashSet<>();
        for (int i = 0; i < paths.size(); i++) {
            String path = paths.get(i);
            AppNode a = prod.get(i % prod.size());
            AppNode b = par.get(i % par.size());
            Http.Answer x = run.http.get(a.port, path);
            Http.Answer y = run.http.get(b.port, path);
            compared++;
            if (x.status() != 200) {
                continue; // production itself did not answer: nothing to compare
            }
            String diff = AnswerComparator.difference(path, x.status(), x.body(), y.status(), y.body());
            if (!diff.isEmpty()) {
                differences.add(b.name + " " + path + ": " + diff);
                badNodes.add(b.name);
                if (differences.size() >= 5) {
                    break;
                }
            }
            long next = begin + (i + 1) * pace;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
        }
        String summary = compared + " reads replayed against both universes, " + differences.size() + " differ";
        if (differences.size() >= Math.max(1, compared / 50)) {
            throw new StepFailure("runtime test: " + summary + "; first: " + differences.getFirst(), List.copyOf(badNodes));
        }
        return StepAction.done(summary);
    }

    @Override
    public void effect(RunState state) {
        // A test observes; it changes nothing.
    }
}
