package imago.experiments.cli;

import imago.faultmodel.FaultModelPipeline;
import imago.faultmodel.Method;
import imago.faultmodel.Options;
import imago.faultmodel.PipelineResult;
import imago.experiments.study.FaultModelStudy;
import imago.faultmodel.data.DataSetException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "faultmodel", description = {
        "Cluster the upgrade-failure data set into fault types and write fault-model.json.",
        "Also writes clusters.csv, validation.csv, heldout.csv, shares.csv and the data behind the charts.",
        "'imago faultmodel classify' assigns new reports to a written model."},
        subcommands = FaultModelClassifyCommand.class)
final class FaultModelCommand implements Callable<Integer> {

    @Option(names = "--data", paramLabel = "FILE", description = "The coded data set (default: datasets/upgrade-failures.csv).")
    Path data;

    @Option(names = "--method", paramLabel = "upgma|kmodes", defaultValue = "upgma", description = "Clustering method (default: ${DEFAULT-VALUE}).")
    String method;

    @Option(names = "--k", paramLabel = "auto|N", defaultValue = "auto", description = "Number of clusters, or auto (silhouette over 4..10).")
    String k;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of k-modes and the bootstrap (default: 42).")
    Long seed;

    // Not required by picocli: it would then also demand --out before the classify subcommand.
    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (required).")
    Path out;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (out == null) {
            throw new BadInputException("faultmodel: --out DIR is required");
        }
        Options o = Options.defaults().withMethod(Method.parse(method)
                .orElseThrow(() -> new BadInputException("--method: must be upgma or kmodes (was '" + method + "')")));
        if (!k.equals("auto")) {
            try {
                int n = Integer.parseInt(k);
                if (n < Options.K_MIN || n > Options.K_MAX) {
                    throw new BadInputException("--k: must be auto or " + Options.K_MIN + ".." + Options.K_MAX + " (was " + k + ")");
                }
                o = o.withK(n);
            } catch (NumberFormatException e) {
                throw new BadInputException("--k: must be auto or a whole number (was '" + k + "')");
            }
        }
        if (seed != null) {
            o = o.withSeed(seed);
        }
        Options options = o;
        PipelineResult result = OutputDir.writeInto(OutputDir.option(out), () -> {
            PipelineResult r;
            try {
                r = data == null ? FaultModelPipeline.runDefault(options) : FaultModelPipeline.run(data, options);
            } catch (DataSetException | IllegalArgumentException | IllegalStateException e) {
                throw new BadInputException(e.getMessage());
            }
            r.writeTo(out);
            new FaultModelStudy(out).charts();
            return r;
        });
        PrintWriter w = spec.commandLine().getOut();
        w.println(result.summaryTable());
        w.printf("Wrote fault-model.json, clusters.csv, validation.csv, the charts' data and charts/ to %s%n", out);
        w.flush();
        return 0;
    }
}
