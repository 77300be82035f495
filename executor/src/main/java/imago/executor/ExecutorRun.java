package imago.executor;

import imago.model.metrics.RunResult;

import java.nio.file.Path;

/**
 * What one executor run produced.
 *
 * @param result     the metrics, defined as the simulator's (DESIGN §3)
 * @param requestLog every request the load generator sent ({@code requests.csv.gz})
 * @param stepLog    every step with its real start, end and outcome ({@code steps.csv})
 */
public record ExecutorRun(RunResult result, Path requestLog, Path stepLog) {
}
