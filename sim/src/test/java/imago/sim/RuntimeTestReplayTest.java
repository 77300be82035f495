package imago.sim;

import imago.model.experiment.Experiment;
import imago.model.experiment.FaultSpec;
import imago.model.experiment.Scenario;
import imago.model.fault.FaultInjection;
import imago.model.fault.FaultModel;
import imago.model.fault.FaultType;
import imago.model.plan.StepKind;
import imago.model.plan.Universe;
import imago.model.strategy.Strategy;
import imago.model.workload.RequestType;
import imago.model.workload.Workload;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Imago's runtime test replays a share of production's reads against the parallel universe: what
 * it catches follows from the test's length, the request rate and the mix, not from a number in
 * the config. One given fault per run, on a smaller three-tier conversion to keep runs short.
 */
class RuntimeTestReplayTest {

    /** Runs per arm where shares are compared; where every run must agree, fewer suffice. */
    private static final int REPLICATIONS = 40, FEW = 10;

    private final Experiment base = Fixtures.withRows(Fixtures.threeTier(), 20_000);

    /** A node-wide fault on app-2 of the parallel universe, made while configuring it. */
    private static final FaultInjection NODE_WIDE =
            new FaultInjection(FaultType.SIMPLE_CONFIG, StepKind.CONFIGURE, "app-2", Optional.of(Universe.PARALLEL));

    /** Of {@code runs} runs, how many caught the given fault before the switch. */
    private int caught(Experiment e, double coverage, double testS, FaultInjection fault, int runs) {
        Scenario s = new Scenario("imago", new Strategy.Imago(coverage, testS, true, 2, 300), new FaultSpec.None(),
                List.of(fault));
        SimulationInput in = Fixtures.input(Fixtures.withStrategy(e, s), s, FaultModel.none());
        int caught = 0;
        for (int r = 0; r < runs; r++) {
            InjectedFault f = Simulation.runDetailed(in, r).faults().getFirst();
            assertThat(f.fate()).isIn(InjectedFault.Fate.CAUGHT, InjectedFault.Fate.ESCAPED);
            if (f.fate() == InjectedFault.Fate.CAUGHT) {
                caught++;
            }
        }
        return caught;
    }

    /**
     * The lower end of Newcombe's 95% interval (from the two Wilson intervals) of the increase from
     * {@code before} to {@code after} caught out of {@code REPLICATIONS} each.
     */
    private static double lowerBoundOfIncrease(int before, int after) {
        double p = (double) before / REPLICATIONS, q = (double) after / REPLICATIONS;
        Fixtures.Interval a = Fixtures.wilson(before, REPLICATIONS), b = Fixtures.wilson(after, REPLICATIONS);
        return q - p - Math.sqrt(Math.pow(q - b.lower(), 2) + Math.pow(a.upper() - p, 2));
    }

    @Test
    void aLongerTestCatchesMoreWithTheSameCoverage() {
        Experiment e = Fixtures.withRate(base, 20);
        int shortTest = caught(e, 0.01, 5, NODE_WIDE, REPLICATIONS);
        int longTest = caught(e, 0.01, 30, NODE_WIDE, REPLICATIONS);
        assertThat(lowerBoundOfIncrease(shortTest, longTest))
                .as("caught %d of %d with a 5 s test, %d with 30 s", shortTest, REPLICATIONS, longTest).isPositive();
    }

    @Test
    void moreTrafficCatchesMoreWithTheSameTest() {
        int slow = caught(Fixtures.withRate(base, 5), 0.01, 20, NODE_WIDE, REPLICATIONS);
        int busy = caught(Fixtures.withRate(base, 40), 0.01, 20, NODE_WIDE, REPLICATIONS);
        assertThat(lowerBoundOfIncrease(slow, busy))
                .as("caught %d of %d at 5 requests/s, %d at 40", slow, REPLICATIONS, busy).isPositive();
    }

    @Test
    void aFaultNoReplayedReadCanSeeEscapesHoweverLongTheTest() {
        // Reads served from the application tier alone touch no data; only writes reach the database.
        Workload w = base.workload();
        List<RequestType> cached = w.mix().stream()
                .map(t -> t.write() ? t : new RequestType(t.name(), t.weight(), t.write(), List.of("ingress", "web", "app")))
                .toList();
        Experiment e = Fixtures.withRate(Fixtures.withWorkload(base,
                new Workload(w.arrivals(), w.sessions(), cached, w.async(), w.timeoutS())), 20);
        FaultInjection dataFault =
                new FaultInjection(FaultType.DATA_ACCESS, StepKind.CONFIGURE, "app-1", Optional.of(Universe.PARALLEL));
        assertThat(caught(e, 1.0, 600, dataFault, FEW)).isZero();
        // The same fault is caught at once when the replayed reads touch data.
        assertThat(caught(Fixtures.withRate(base, 20), 1.0, 5, dataFault, FEW)).isEqualTo(FEW);
    }

    @Test
    void noCoverageCatchesNothing() {
        assertThat(caught(Fixtures.withRate(base, 40), 0, 600, NODE_WIDE, FEW)).isZero();
    }

    @Test
    void fullCoverageOverALongTestCatchesANodeWideFault() {
        assertThat(caught(Fixtures.withRate(base, 20), 1.0, 120, NODE_WIDE, FEW)).isEqualTo(FEW);
    }

    @Test
    void theCoverageDoesNotShiftTheFaultsDrawnAfterTheTest() {
        // One uniform per read type and one per latent fault, whatever the coverage: the fault stream
        // stays aligned. Both coverages catch every fault here (tens of reads reach each node), so the
        // plan runs the same steps after the test and draws its faults from the same uniforms.
        FaultModel hw = FaultModel.handWritten();
        FaultModel model = new FaultModel("before-and-after", Map.of(
                StepKind.CONFIGURE, Map.of(FaultType.SIMPLE_CONFIG, 0.2, FaultType.SEMANTIC_CONFIG, 0.2),
                StepKind.RETIRE, Map.of(FaultType.BROKEN_ENVIRONMENT, 0.3)),
                hw.detection(), hw.repair(), Map.of(), Map.of(), Optional.empty());
        Experiment e = Fixtures.withRate(base, 20);
        List<String> seenAfter = new java.util.ArrayList<>();
        for (int r = 0; r < FEW; r++) {
            List<String> quarter = drawn(e, 0.25, model, r), full = drawn(e, 1.0, model, r);
            assertThat(full).as("replication %d", r).isEqualTo(quarter);
            full.stream().filter(f -> f.startsWith("BROKEN_ENVIRONMENT")).forEach(seenAfter::add);
        }
        assertThat(seenAfter).as("faults drawn after the test").isNotEmpty();
    }

    private static List<String> drawn(Experiment e, double coverage, FaultModel model, int replication) {
        Scenario s = new Scenario("imago", new Strategy.Imago(coverage, 10, true, 2, 300), new FaultSpec.None());
        return Simulation.runDetailed(Fixtures.input(Fixtures.withStrategy(e, s), s, model), replication).faults().stream()
                .map(f -> f.type() + " " + f.stepNumber() + " " + f.target()).toList();
    }
}
