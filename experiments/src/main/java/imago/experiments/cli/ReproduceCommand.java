package imago.experiments.cli;

import imago.model.config.ExperimentLoader;
import imago.model.experiment.Experiment;
import imago.model.plan.PlanCompiler;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "reproduce", description = "Reproduce the papers' evaluation (for now: the example's plans).")
final class ReproduceCommand implements Callable<Integer> {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Path config = ProjectHome.get().resolve("experiments/configs/three-tier.yaml");
        Experiment e = ExperimentLoader.load(config);
        PrintWriter out = spec.commandLine().getOut();
        out.println("Plans of " + config + ":");
        out.println();
        PlanCompiler compiler = new PlanCompiler(e.topology(), e.workload(), e.upgrade());
        e.scenarios().forEach(s -> PlanCommand.printTable(out, compiler.compile(s.name(), s.strategy())));
        out.flush();
        return 0;
    }
}
