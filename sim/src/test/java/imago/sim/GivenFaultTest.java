package imago.sim;

import imago.model.dist.Dist;
import imago.model.experiment.Experiment;
import imago.model.experiment.FaultSpec;
import imago.model.experiment.Scenario;
import imago.model.fault.FaultInjection;
import imago.model.fault.FaultModel;
import imago.model.fault.FaultType;
import imago.model.plan.StepKind;
import imago.model.plan.Universe;
import imago.model.strategy.Strategy;
import imago.model.upgrade.Upgrade;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
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

    private Experiment withFaultyStart(FaultType type, double seconds) {
        Upgrade u = exp.upgrade();
        return Fixtures.withUpgrade(exp, new Upgrade(u.fromVersion(), u.toVersion(), u.tiers(), u.schema(), u.directives(),
                u.libraries(), u.interfaces(), u.movedLocations(), u.stepTimes(), Map.of(type, Dist.constant(seconds))));
    }

    private static DetailedRun run(Experiment e, Scenario s, int replication) {
        return Simulation.runDetailed(Fixtures.input(Fixtures.withStrategy(e, s), s, FaultModel.none()), replication);
    }

    /**
     * A node carrying a fault whose type slows a start (upgrade.faultyStartTimes) starts in that
     * time, so the fault serves that much later; the node without it starts as before, and a
     * fault of another type changes nothing.
     */
    @Test
    void aFaultThatSlowsItsNodesStartDelaysThatNodeAlone() {
        Scenario s = new Scenario("in-place", new Strategy.InPlace(), new FaultSpec.None(),
                List.of(FaultInjection.of(1, "Configure", "app-2")));
        double slow = 100; // the three-tier system's Start takes 10-20 s
        for (int r = 0; r < 3; r++) {
            DetailedRun plain = run(exp, s, r);
            DetailedRun slowed = run(withFaultyStart(FaultType.SIMPLE_CONFIG, slow), s, r);
            InjectedFault p = plain.faults().getFirst();
            InjectedFault f = slowed.faults().getFirst();
            assertThat(f.injectedAtS()).isEqualTo(p.injectedAtS());
            // Its Start took 100 s where the plain one took at most 20.
            assertThat(f.activatedAtS().orElseThrow() - p.activatedAtS().orElseThrow()).isGreaterThanOrEqualTo(slow - 20);
            assertThat(slowed.result().upgradeDurationS()).isGreaterThanOrEqualTo(plain.result().upgradeDurationS() + slow - 20);
            // app-1 and app-3 were ready long before: production served meanwhile.
            assertThat(slowed.result().availability()).isGreaterThan(plain.result().availability());

            DetailedRun otherType = run(withFaultyStart(FaultType.SEMANTIC_CONFIG, slow), s, r);
            assertThat(otherType.result()).isEqualTo(plain.result());
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
