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
 * Callbacks come from the request types that issue them ({@code workload.async.from}): on the
 * bidding system only a placed bid is confirmed later, and a blue-green copy that refuses writes
 * while it converts leaves no bid pending at its switch, so (almost) nothing races. When every
 * type issued callbacks, the reads served during the copy would leave pages that call back into
 * the new version after the switch.
 */
class AsyncIssuersTest {

    private static final int REPLICATIONS = 10;

    private static List<RunResult> blueGreen(Experiment e) {
        SimulationInput in = Fixtures.input(e, "blue-green", FaultModel.none());
        return IntStream.range(0, REPLICATIONS).mapToObj(r -> Simulation.run(in, r)).toList();
    }

    private static double races(RunResult r) {
        return r.racesError() + r.racesSilent();
    }

    @Test
    void onlyTheIssuingTypesLeaveCallbacksBehind() {
        Experiment bids = Fixtures.load("paper/sim-vs-real.yaml");
        AsyncInteractions a = bids.workload().async();
        assertThat(a.from()).containsExactly("place-bid");
        Workload w = bids.workload();
        Experiment everyType = Fixtures.withWorkload(bids, new Workload(w.arrivals(), w.sessions(), w.mix(),
                new AsyncInteractions(a.fraction(), a.delay(), a.interfaceName(), a.errorProbability(), a.silentProbability()),
                w.timeoutS()));

        List<RunResult> fromBids = blueGreen(bids);
        List<RunResult> fromAll = blueGreen(everyType);
        var difference = Fixtures.pairedCi(fromAll, fromBids, AsyncIssuersTest::races);
        assertThat(difference.lower()).isGreaterThan(0);
        // A bid can only be pending at the switch if placed between the copy's end and the switch.
        assertThat(Fixtures.ci(fromBids, AsyncIssuersTest::races).upper()).isLessThan(1);
    }
}
