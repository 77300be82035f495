package imago.experiments.cli;

import imago.experiments.report.Section;
import imago.experiments.study.ExperimentRuns;
import imago.experiments.study.PaperSuite;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "reproduce", description = {
        "Reproduce the papers' evaluation: the fault model and the experiments in experiments/configs/paper/,",
        "with every claim tested on this run's numbers in OUT/report.md and OUT/report.html."})
final class ReproduceCommand implements Callable<Integer> {

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "results", description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--quick", description = "A smoke run for CI: " + PaperSuite.QUICK_REPLICATIONS
            + " replications per scenario, a quarter of the request rate (at least 10/s), fewer bootstrap resamples.")
    boolean quick;

    @Option(names = "--threads", paramLabel = "T", description = "Worker threads (default: all cores).")
    Integer threads;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Preload.tablesInBackground();
        int nThreads = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (nThreads < 1) {
            throw new BadInputException("--threads: must be >= 1 (was " + threads + ")");
        }
        OutputDir.prepare(OutputDir.option(out));
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter o = spec.commandLine().getOut();
        List<ProgressDisplay> displays = new ArrayList<>();
        PaperSuite suite = new PaperSuite(ProjectHome.get(), out, quick, name -> {
            ProgressDisplay p = ProgressDisplay.create(err, name);
            displays.add(p);
            return new ExperimentRuns.Settings(Backends.sim(), imago.faultmodel.FaultModelPipeline::defaultModel,
                    nThreads, Optional.empty(), p, ImagoCli.version(), ProjectHome.get(), false);
        }, err);
        PaperSuite.Result result;
        try (ResumeHint hint = new ResumeHint(err, "the .partial folders under " + out)) {
            result = suite.run();
        } finally {
            displays.forEach(ProgressDisplay::close);
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[]{"supported", "claim"});
        for (Section.Claim c : result.claims()) {
            rows.add(new String[]{c.supported().toString().toLowerCase(java.util.Locale.ROOT), c.claim()});
        }
        Tables.print(o, rows);
        long yes = result.claims().stream().filter(c -> c.supported() == Section.Support.YES).count();
        o.printf("%n%d of %d claims supported by this run%s. Report: %s and %s (%.0f s)%n", yes, result.claims().size(),
                quick ? " (quick mode: few replications)" : "", result.report().markdown(), result.report().html(), result.wallSeconds());
        o.flush();
        return 0;
    }
}
