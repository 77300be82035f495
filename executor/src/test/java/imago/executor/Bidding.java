package imago.executor;

import imago.model.config.ExperimentLoader;
import imago.model.experiment.Experiment;
import imago.model.experiment.Scenario;
import imago.model.plan.Plan;
import imago.model.plan.PlanCompiler;

import java.nio.file.Path;

/** The bidding experiment of experiments/configs, shortened for tests. */
final class Bidding {

    static final Path CONFIG = Path.of("..", "experiments", "configs", "bidding.yaml");

    private Bidding() {
    }

    static Experiment experiment() {
        return ExperimentLoader.load(CONFIG);
    }

    /** The same experiment with a shorter observation window. */
    static Experiment shortened(double pre, double post) {
        Experiment e = experiment();
        return new Experiment(e.name(), e.source(), e.topology(), e.workload(), e.upgrade(), e.scenarios(),
                e.replications(), e.seed(), pre, post, e.maxSimulatedS());
    }

    static Scenario scenario(Experiment e, String name) {
        return e.scenario(name).orElseThrow();
    }

    static Plan plan(Experiment e, Scenario s) {
        return new PlanCompiler(e.topology(), e.workload(), e.upgrade()).compile(s.name(), s.strategy());
    }
}
