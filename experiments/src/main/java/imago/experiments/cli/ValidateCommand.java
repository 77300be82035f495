package imago.experiments.cli;

import imago.experiments.report.Numbers;
import imago.model.config.ExperimentLoader;
import imago.model.experiment.Arm;
import imago.model.experiment.Experiment;
import imago.model.plan.Plan;
import imago.model.plan.PlanCompiler;
import imago.model.plan.PlannedStep;
import imago.model.plan.Step;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "validate", description = {"Check an experiment config and say what it holds.",
        "Warns when a scenario's runs cannot finish: a data sync slower than the write rate, or a plan longer than maxSimulatedTime."})
final class ValidateCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "CONFIG", description = "The experiment YAML file.")
    Path config;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Experiment e = ExperimentLoader.load(config);
        PlanCompiler compiler = new PlanCompiler(e.topology(), e.workload(), e.upgrade());
        e.scenarios().forEach(s -> compiler.compile(s.name(), s.strategy()));
        spec.commandLine().getOut().printf("%s: valid: experiment '%s', %d tiers, %d nodes, %d scenarios (%s), %d replications, seed %d%n",
                config, e.name(), e.topology().tiers().size(), e.topology().nodeCount(), e.scenarios().size(),
                String.join(", ", e.scenarios().stream().map(s -> s.name()).toList()), e.replications(), e.seed());
        warnings(e).forEach(w -> spec.commandLine().getErr().println("imago: warning: " + config + ": " + w));
        return 0;
    }

    /**
     * Why runs of an arm would not finish, found from its plan: such runs end sync-never-converges
     * or timed-out, and their metrics describe no upgrade (summaries leave them out).
     */
    static List<String> warnings(Experiment e) {
        List<String> out = new ArrayList<>();
        for (Arm a : Arm.expand(e)) {
            Experiment x = a.experiment();
            Plan plan = new PlanCompiler(x.topology(), x.workload(), x.upgrade()).compile(a.scenario().name(), a.scenario().strategy());
            double peakWrites = x.workload().arrivals().maxRate() * x.workload().writeFraction();
            for (PlannedStep p : plan.steps()) {
                if (p.step() instanceof Step.SyncData sync) {
                    String rates = "it converts " + Numbers.format(sync.rate()) + " rows/s, production writes "
                            + Numbers.format(sync.writeRate()) + " rows/s (peak " + Numbers.format(peakWrites) + " rows/s)";
                    if (!sync.converges()) {
                        out.add(a.label() + ": the data sync (step " + p.number() + ") cannot converge: " + rates
                                + "; every run will end sync-never-converges. Raise upgrade.schema.parallelRate/conversionRate above the write rate.");
                    } else if (peakWrites >= sync.rate()) {
                        out.add(a.label() + ": the data sync (step " + p.number() + ") falls behind at peak load: " + rates
                                + "; runs whose sync meets the peak may not converge.");
                    }
                }
            }
            double expected = plan.expectedSeconds() + x.preS() + x.postS();
            if (Double.isFinite(expected) && expected > x.maxSimulatedS()) {
                out.add(a.label() + ": the plan is expected to take " + Numbers.format(expected) + " s with the window, more than maxSimulatedTime "
                        + Numbers.format(x.maxSimulatedS()) + " s; runs will end timed-out.");
            }
        }
        return out;
    }
}
