package imago.sim;

import imago.model.experiment.Experiment;
import imago.model.fault.FaultModel;
import imago.model.metrics.RunResult;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A rolling upgrade breaks the dependencies it does not know about; switching the hidden
 * dependency off removes the unplanned downtime it caused (DESIGN §4 (a)-(c)).
 */
class HiddenDependencyTest {

    private static final int REPLICATIONS = 4;

    /** Rolling on three-tier without async callbacks, so races do not blur the picture. */
    private static Experiment base() {
        return Fixtures.withoutAsync(Fixtures.withRate(Fixtures.threeTier(), 40));
    }

    private static List<RunResult> rolling(Experiment e) {
        SimulationInput in = Fixtures.input(e, "rolling", FaultModel.none());
        return IntStream.range(0, REPLICATIONS).mapToObj(r -> Simulation.run(in, r)).toList();
    }

    @Test
    void anIncompatibleSchemaBreaksOldNodesOnceTheirTablesAreSwapped() {
        var broken = Fixtures.ci(rolling(Fixtures.withoutLibraries(base())), RunResult::unplannedUnavailableS);
        var fine = Fixtures.ci(rolling(Fixtures.withoutLibraries(Fixtures.compatible(base()))), RunResult::unplannedUnavailableS);
        var schema = base().upgrade().schema().orElseThrow();
        // Every node is old from the first table's swap to the end of the conversion, and then
        // until the first new node serves: at least the requests using that table fail meanwhile.
        double firstTable = schema.tables().getFirst().rows() / schema.conversionRate();
        double afterFirstSwap = schema.bulkSeconds() - firstTable;
        assertThat(broken.lower()).isGreaterThan(afterFirstSwap * usingTable(base(), schema.tables().getFirst().name()));
        assertThat(fine.upper()).isLessThan(1);
    }

    /** The share of the mix whose requests use {@code table}. */
    private static double usingTable(Experiment e, String table) {
        var mix = e.workload().mix();
        double total = mix.stream().mapToDouble(imago.model.workload.RequestType::weight).sum();
        return mix.stream().filter(t -> t.tables().map(ts -> ts.contains(table)).orElse(true))
                .mapToDouble(imago.model.workload.RequestType::weight).sum() / total;
    }

    @Test
    void aNewLibraryOnASharedHostBreaksTheOldNeighbour() {
        var broken = Fixtures.ci(rolling(Fixtures.compatible(base())), RunResult::unplannedUnavailableS);
        var fine = Fixtures.ci(rolling(Fixtures.withoutLibraries(Fixtures.compatible(base()))), RunResult::unplannedUnavailableS);
        assertThat(broken.lower()).isGreaterThan(fine.upper());
    }

    @Test
    void aMovedServiceLocationBreaksCallersOfTheOtherVersion() {
        Experiment clean = Fixtures.withoutLibraries(Fixtures.compatible(base()));
        var broken = Fixtures.ci(rolling(Fixtures.withMovedLocations(clean, List.of("app"))), RunResult::unplannedUnavailableS);
        var fine = Fixtures.ci(rolling(clean), RunResult::unplannedUnavailableS);
        assertThat(broken.lower()).isGreaterThan(fine.upper());
    }

    @Test
    void imagoNeverMeetsThemBecauseItBuildsTheNewVersionElsewhere() {
        Experiment all = Fixtures.withMovedLocations(base(), List.of("app"));
        SimulationInput in = Fixtures.input(all, "imago", FaultModel.none());
        var unplanned = Fixtures.ci(IntStream.range(0, REPLICATIONS).mapToObj(r -> Simulation.run(in, r)).toList(),
                RunResult::unplannedUnavailableS);
        assertThat(unplanned.upper()).isLessThan(1);
    }
}
