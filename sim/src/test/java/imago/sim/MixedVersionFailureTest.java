package imago.sim;

import imago.model.experiment.Experiment;
import imago.model.fault.FaultModel;
import imago.model.metrics.RunResult;
import imago.model.workload.AsyncInteractions;
import imago.model.workload.Workload;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A mixed-version interaction that fails is a visible race whatever breaks it (DESIGN §3), as the
 * executor counts a callback whose producer's version is not its server's: on the bidding
 * system's rolling upgrade whose conversion skipped ITEMS (a type 4 fault), a v1 page's bid
 * confirmation that reaches a v2 node fails on the unconverted ITEMS it reads, and that is a race
 * error.
 */
class MixedVersionFailureTest {

    private static final int REPLICATIONS = 20;

    /** The bidding system whose races are never drawn: only a failed mixed-version callback can count. */
    private static Experiment undrawn(List<String> callbackTables) {
        Experiment bids = Fixtures.load("paper/sim-vs-real.yaml");
        AsyncInteractions a = bids.workload().async();
        Workload w = bids.workload();
        return Fixtures.withWorkload(bids, new Workload(w.arrivals(), w.sessions(), w.mix(), new AsyncInteractions(
                a.fraction(), a.delay(), a.interfaceName(), 0, 0, a.from(), callbackTables, a.cost()), w.timeoutS()));
    }

    private static List<RunResult> rolling(Experiment e) {
        SimulationInput in = Fixtures.input(e, "rolling-type4", FaultModel.handWritten());
        return IntStream.range(0, REPLICATIONS).mapToObj(r -> Simulation.run(in, r)).toList();
    }

    @Test
    void aMixedVersionCallbackTheConvertedDataBreaksIsARaceError() {
        List<RunResult> reading = rolling(undrawn(List.of("items", "bids")));
        assertThat(reading.stream().mapToLong(RunResult::racesError).sum()).isPositive();
        assertThat(reading.stream().mapToLong(RunResult::racesSilent).sum()).isZero();
        // A callback that reads no converted table fails only where its node itself is broken (the
        // rollback's nodes): the data's failures are the difference.
        List<RunResult> blind = rolling(undrawn(List.of()));
        assertThat(blind.stream().mapToLong(RunResult::racesError).sum())
                .isLessThan(reading.stream().mapToLong(RunResult::racesError).sum());
        assertThat(blind.stream().mapToLong(RunResult::racesSilent).sum()).isZero();
    }
}
