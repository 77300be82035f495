package imago.experiments.cli;

import imago.experiments.run.Merge;
import imago.experiments.run.RunManifest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "merge", description = "Combine the folders of shards (imago run --shard i/N) into what one run would have written.")
final class MergeCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "DIR", description = "The shards' experiment folders (OUT/<experiment> of each).")
    List<Path> shards;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Where the merged files go.")
    Path out;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Preload.tablesInBackground();
        RunManifest m = OutputDir.writeInto(OutputDir.option(out), () -> {
            try {
                return Merge.merge(shards, out);
            } catch (Merge.MergeException e) {
                throw new BadInputException(e.getMessage());
            }
        });
        spec.commandLine().getOut().printf("Merged %d shards of %s (%d arms x %d replications) into %s%n",
                shards.size(), m.experiment(), m.arms().size(), m.replications(), out);
        return 0;
    }
}
