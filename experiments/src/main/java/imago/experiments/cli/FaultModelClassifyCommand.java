package imago.experiments.cli;

import imago.faultmodel.Classification;
import imago.faultmodel.data.DataSetException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "classify", mixinStandardHelpOptions = true, versionProvider = ImagoCli.Version.class, description = {
        "Assign new failure reports to a learned model's clusters and fault types.",
        "Writes predictions.csv (id, fault_type, cluster, distance) and, with a",
        "type_label column, evaluation.csv (accuracy, recall, precision, confusion,",
        "95%% Wilson intervals). Bad input: one located line, exit 2, nothing written."})
final class FaultModelClassifyCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "REPORTS.csv",
            description = "Reports in the columns of datasets/upgrade-failures.csv; type_label optional.")
    Path reports;

    @Option(names = "--model", paramLabel = "FILE", required = true,
            description = "fault-model.json written by 'imago faultmodel'.")
    Path model;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Output folder.")
    Path out;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        // Everything is read and checked before the output folder is touched: bad input leaves nothing behind.
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new BadInputException(out + ": --out must be a folder, and this is a file");
        }
        Classification c;
        try {
            c = Classification.run(model, reports);
        } catch (DataSetException e) {
            throw new BadInputException(e.getMessage());
        }
        try {
            c.writeTo(out);
        } catch (IOException e) {
            throw new BadInputException(out + ": cannot write the output folder (" + e.getMessage() + ")");
        }
        PrintWriter w = spec.commandLine().getOut();
        w.print(c.summary());
        w.printf("Wrote predictions.csv%s to %s%n", c.labelled() ? " and evaluation.csv" : "", out);
        w.flush();
        return 0;
    }
}
