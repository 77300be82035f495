package imago.sim;

import imago.model.metrics.RunResult;

import java.util.List;

/**
 * A run's metrics plus what the aggregated metrics leave out: every injected fault with its fate,
 * and the amount of simulation work (for benchmarks).
 *
 * @param result         the metrics (DESIGN §3)
 * @param faults         the injected faults, in injection order
 * @param events         simulation events executed (warm-up included)
 * @param requests       requests simulated, callbacks included (warm-up included)
 * @param simulatedS     simulated seconds, warm-up included
 */
public record DetailedRun(RunResult result, List<InjectedFault> faults, long events, long requests,
                          double simulatedS) {

    public DetailedRun {
        faults = List.copyOf(faults);
    }
}
