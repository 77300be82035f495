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
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** A fault given in the config (fault: {type, step, target}) is injected exactly there, every run. */
class GivenFaultTest {

    private final Experiment exp = Fixtures.withRate(Fixtures.threeTier(), 20);

    private DetailedRun run(Scenario s, int replication) {
        return Simulation.runDetailed(Fixtures.input(Fixtures.withStrategy(exp, s), s, FaultModel.none()), replication);
    }

    @Test
    void inPlaceTakesTheGivenFaultIntoProduction() {
        Scenario s = new Scenario("in-place", new Strategy.InPlace(), new FaultSpec.None(),
                List.of(FaultInjection.of(3, "Start", "app-2")));
        Scenario clean = new Scenario("in-place", new Strategy.InPlace(), new FaultSpec.None());
        for (int r = 0; r < 3; r++) {
            DetailedRun d = run(s, r);
            assertThat(d.faults()).singleElement().satisfies(f -> {
                assertThat(f.type()).isEqualTo(FaultType.BROKEN_ENVIRONMENT);
                assertThat(f.stepKind()).isEqualTo(StepKind.START);
                assertThat(f.target()).isEqualTo("app-2");
                assertThat(f.fate()).isEqualTo(InjectedFault.Fate.REACHED_PRODUCTION);
            });
            assertThat(d.result().faultsReachedProduction()).isEqualTo(1);
            assertThat(d.result().unplannedUnavailableS()).isGreaterThan(run(clean, r).result().unplannedUnavailableS());
        }
    }

    @Test
    void imagosFullCoverageTestCatchesItInTheParallelUniverse() {
        Scenario s = new Scenario("imago", new Strategy.Imago(1.0, 60, true, 2, 300), new FaultSpec.None(),
                List.of(new FaultInjection(FaultType.SIMPLE_CONFIG, StepKind.CONFIGURE, "app-1", Optional.of(Universe.PARALLEL))));
        DetailedRun d = run(s, 0);
        assertThat(d.faults()).singleElement().satisfies(f -> {
            assertThat(f.universe()).isEqualTo(Universe.PARALLEL);
            assertThat(f.fate()).isEqualTo(InjectedFault.Fate.CAUGHT);
        });
        assertThat(d.result().faultsReachedProduction()).isZero();
    }
}
