package imago.sim;

import imago.model.experiment.Experiment;
import imago.model.fault.FaultModel;
import imago.model.metrics.RunResult;
import imago.model.metrics.TimelineBin;
import imago.model.upgrade.SchemaChange;
import imago.model.workload.RequestType;
import imago.model.workload.Workload;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A conversion copies and swaps one table at a time (DESIGN §4), so an old node fails only the
 * requests that use a table already swapped; and it reads the production database, whose service
 * it slows by the share of capacity it takes.
 */
class PerTableConversionTest {

    private static final int REPLICATIONS = 12;

    /** The bidding system without callbacks, which never reach the database and would blur the shares. */
    private static Experiment bidding() {
        return Fixtures.withoutAsync(Fixtures.load("bidding.yaml"));
    }

    private static List<RunResult> runs(Experiment e, String scenario) {
        SimulationInput in = Fixtures.input(e, scenario, FaultModel.none());
        return IntStream.range(0, REPLICATIONS).mapToObj(r -> Simulation.run(in, r)).toList();
    }

    /** {@code e} with every request type depending on every table. */
    private static Experiment dependingOnEveryTable(Experiment e) {
        Workload w = e.workload();
        List<RequestType> mix = w.mix().stream().map(t -> new RequestType(t.name(), t.weight(), t.write(), t.path())).toList();
        return Fixtures.withWorkload(e, new Workload(w.arrivals(), w.sessions(), mix, w.async(), w.timeoutS()));
    }

    @Test
    void anOldNodeOnAHalfDoneConversionFailsTheRequestsOfTheSwappedTableAndServesTheOthers() {
        Experiment e = bidding();
        SchemaChange s = e.upgrade().schema().orElseThrow();
        // Rolling converts first, in place beside production: every node is old meanwhile.
        double rate = s.rate(imago.model.plan.Universe.PRODUCTION, true);
        double itemsSwap = e.preS() + s.tables().get(0).rows() / rate;
        double bidsSwap = e.preS() + s.rows() / rate;
        long before = 0, beforeOk = 0, between = 0, betweenOk = 0;
        for (RunResult r : runs(e, "rolling")) {
            for (TimelineBin b : r.timeline()) {
                if (b.second() + 1 <= itemsSwap && b.second() >= e.preS()) {
                    before += b.offered();
                    beforeOk += b.succeeded();
                } else if (b.second() >= itemsSwap && b.second() + 1 <= bidsSwap) {
                    between += b.offered();
                    betweenOk += b.succeeded();
                }
            }
        }
        // Before the first swap nothing fails; between the swaps exactly the types that do not
        // use ITEMS are served.
        Workload w = e.workload();
        double total = w.mix().stream().mapToDouble(RequestType::weight).sum();
        double withoutItems = w.mix().stream().filter(t -> !t.tables().orElseThrow().contains("items"))
                .mapToDouble(RequestType::weight).sum() / total;
        assertThat(withoutItems).isStrictlyBetween(0.0, 1.0);
        assertThat(before).isPositive();
        assertThat(beforeOk).isEqualTo(before);
        var served = Fixtures.wilson(betweenOk, between);
        assertThat(served.lower()).isLessThanOrEqualTo(withoutItems);
        assertThat(served.upper()).isGreaterThanOrEqualTo(withoutItems);
    }

    @Test
    void aTableOfCostlierRowsTakesItsShareOfTheTimeSoItSwapsLater() {
        Experiment plain = bidding();
        SchemaChange s = plain.upgrade().schema().orElseThrow();
        // ITEMS' rows cost three times BIDS': its swap comes at 3 x 200k / (3 x 200k + 1M) = 37.5% of
        // the conversion, not at its 1/6 of the rows; the conversion's length does not change.
        SchemaChange costly = s.withRowCosts(java.util.Map.of("items", 3.0));
        Experiment e = Fixtures.withSchema(plain, Optional.of(costly));
        double seconds = s.rows() / s.rate(imago.model.plan.Universe.PRODUCTION, true);
        double byRows = e.preS() + seconds * s.tables().get(0).rows() / s.rows();
        double byCost = e.preS() + seconds * costly.swapShares()[0];
        assertThat(costly.swapShares()[0]).isCloseTo(0.375, org.assertj.core.api.Assertions.within(1e-12));
        long offered = 0, ok = 0;
        for (RunResult r : runs(e, "rolling")) {
            for (TimelineBin b : r.timeline()) {
                if (b.second() >= Math.ceil(byRows) && b.second() + 1 <= byCost) {
                    offered += b.offered();
                    ok += b.succeeded();
                }
            }
        }
        // Between where the rows alone would put the swap and where the cost puts it, nothing fails.
        assertThat(offered).isPositive();
        assertThat(ok).isEqualTo(offered);
        var later = Fixtures.pairedCi(runs(e, "rolling"), runs(plain, "rolling"), RunResult::availability);
        assertThat(later.lower()).isGreaterThan(0);
    }

    @Test
    void requestsThatAvoidASwappedTableKeepARollingUpgradeMoreAvailable() {
        Experiment tables = bidding();
        // The same tables and rows, every request type depending on all of them.
        Experiment all = dependingOnEveryTable(tables);
        var d = Fixtures.pairedCi(runs(tables, "rolling"), runs(all, "rolling"), RunResult::availability);
        assertThat(d.lower()).isGreaterThan(0);
    }

    @Test
    void moreTablesSwapEarlierSoOldNodesLoseTheFirstTablesRequestsSooner() {
        Experiment tables = bidding();
        SchemaChange s = tables.upgrade().schema().orElseThrow();
        // One table of the same rows: it swaps only at the end; every request type uses it.
        Experiment one = dependingOnEveryTable(Fixtures.withSchema(tables, Optional.of(new SchemaChange(s.database(),
                s.compatible(), s.rows(), s.conversionRate(), s.parallelRate(), s.offlineRate()))));
        // Old nodes serve everything until the single swap, where with two tables they lose the
        // ITEMS requests (70% of the mix) from the first swap on, 10 s earlier; after the last swap
        // two tables still let them serve view-user (10%), for the few seconds until they are upgraded.
        var d = Fixtures.pairedCi(runs(one, "rolling"), runs(tables, "rolling"), RunResult::availability);
        assertThat(d.lower()).isGreaterThan(0);
    }

    @Test
    void productionIsSlowerWhileImagoConvertsAndLessSoWhenTheConversionTakesASmallerShare() {
        Experiment e = bidding();
        SchemaChange s = e.upgrade().schema().orElseThrow();
        double offline = s.offlineRate().orElseThrow();
        Experiment free = Fixtures.withSchema(e, Optional.of(new SchemaChange(s.database(), s.compatible(), s.tables(),
                s.conversionRate(), s.parallelRate(), OptionalDouble.empty())));
        Experiment lighter = Fixtures.withSchema(e, Optional.of(new SchemaChange(s.database(), s.compatible(), s.tables(),
                s.conversionRate(), s.parallelRate(), OptionalDouble.of(2 * offline))));
        assertThat(free.upgrade().schema().orElseThrow().capacityShare(s.parallelRate().orElseThrow())).isZero();
        List<RunResult> loaded = runs(e, "imago");
        var slower = Fixtures.pairedCi(loaded, runs(free, "imago"), RunResult::p99UpgradeLatencyMs);
        assertThat(slower.lower()).isGreaterThan(0);
        var smaller = Fixtures.pairedCi(loaded, runs(lighter, "imago"), RunResult::p99UpgradeLatencyMs);
        assertThat(smaller.lower()).isGreaterThan(0);
    }
}
