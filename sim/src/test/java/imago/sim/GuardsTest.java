package imago.sim;

import imago.model.experiment.Experiment;
import imago.model.fault.FaultModel;
import imago.model.metrics.Outcome;
import imago.model.metrics.RunResult;
import imago.model.upgrade.SchemaChange;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Plans that cannot finish end with an outcome that says so, and never hang. */
class GuardsTest {

    private final Experiment exp = Fixtures.withRate(Fixtures.threeTier(), 50);

    @Test
    void aSyncSlowerThanTheWriteRateNeverConvergesAndProductionKeepsServing() {
        double writeRate = exp.workload().arrivals().meanRate(0) * exp.workload().writeFraction();
        // Conversion at half the write rate: the backlog grows for ever.
        SchemaChange slow = new SchemaChange("db", false, 200, writeRate / 2);
        Experiment e = Fixtures.withSchema(exp, Optional.of(slow));
        RunResult r = Simulation.run(Fixtures.input(e, "imago", FaultModel.none()), 0);
        assertThat(r.outcome()).isEqualTo(Outcome.SYNC_NEVER_CONVERGES);
        assertThat(r.availability()).isGreaterThan(0.99);
        assertThat(r.timeline().getLast().newVersionShare()).isZero();
        // The window closes postS after the abandonment.
        assertThat(r.timeline().size()).isEqualTo((int) Math.ceil(e.preS() + r.upgradeDurationS() + e.postS() - 1e-9));
    }

    @Test
    void theMaximumSimulatedTimeStopsARunThatHasNotEnded() {
        double max = exp.preS() + 100; // in-place needs more than 200 s for the conversion alone
        Experiment e = Fixtures.withMaxSimulated(exp, max);
        RunResult r = Simulation.run(Fixtures.input(e, "in-place", FaultModel.none()), 0);
        assertThat(r.outcome()).isEqualTo(Outcome.TIMED_OUT);
        assertThat(r.timeline()).hasSize((int) Math.ceil(max));
        assertThat(r.upgradeDurationS()).isEqualTo(100, org.assertj.core.data.Offset.offset(1e-6));
    }

    @Test
    void anUpgradeWithoutSchemaChangeHasNoConversion() {
        Experiment e = Fixtures.withSchema(exp, Optional.empty());
        RunResult r = Simulation.run(Fixtures.input(e, "in-place", FaultModel.none()), 0);
        assertThat(r.outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(r.plannedUnavailableS()).isLessThan(exp.upgrade().schema().orElseThrow().bulkSeconds());
    }
}
