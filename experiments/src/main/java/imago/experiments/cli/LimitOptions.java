package imago.experiments.cli;

import imago.model.experiment.Experiment;
import imago.model.experiment.WorkLimits;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** {@code --force} and the limits it overrides, for the commands that start runs. */
final class LimitOptions {

    @Option(names = "--force", description = "Run even when the estimated work is over a limit below.")
    boolean force;

    @Option(names = "--max-runs", paramLabel = "N", description = "Most (scenario, replication) runs without --force (default: ${DEFAULT-VALUE}).")
    long maxRuns = (long) WorkLimits.defaults().runs();

    @Option(names = "--max-requests", paramLabel = "N", description = "Most simulated requests without --force (default: ${DEFAULT-VALUE}).")
    long maxRequests = (long) WorkLimits.defaults().requests();

    @Option(names = "--max-rows", paramLabel = "N", description = "Most database rows the executor seeds per run without --force (default: ${DEFAULT-VALUE}).")
    long maxRows = (long) WorkLimits.defaults().rows();

    /** Refuses, before anything is written, work far beyond what was likely meant (unless --force). */
    void check(Path config, Experiment e) {
        for (var limit : List.of(Map.entry("--max-runs", maxRuns), Map.entry("--max-requests", maxRequests), Map.entry("--max-rows", maxRows))) {
            if (!(limit.getValue() > 0)) {
                throw new BadInputException(limit.getKey() + ": must be > 0 (was " + limit.getValue() + ")");
            }
        }
        if (!force) {
            new WorkLimits(maxRuns, maxRequests, maxRows).exceeded(e).ifPresent(problem -> {
                throw new BadInputException(config + ": " + problem);
            });
        }
    }
}
