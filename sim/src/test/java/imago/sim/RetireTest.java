package imago.sim;

import imago.model.dist.Dist;
import imago.model.experiment.Experiment;
import imago.model.experiment.FaultSpec;
import imago.model.experiment.Scenario;
import imago.model.fault.FaultModel;
import imago.model.plan.Plan;
import imago.model.plan.PlannedStep;
import imago.model.plan.Step;
import imago.model.plan.StepKind;
import imago.model.strategy.Strategy;
import imago.model.upgrade.Upgrade;
import org.junit.jupiter.api.Test;

import java.util.EnumMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Retiring a node is stopping what still runs of it and removing it: a node a Stop has already
 * stopped (a surging rolling upgrade's old nodes) goes at once, as in the executor, while a
 * running old universe takes its Retire time.
 */
class RetireTest {

    private static Experiment withRetire(Experiment e, double seconds) {
        Upgrade u = e.upgrade();
        Map<StepKind, Dist> times = new EnumMap<>(u.stepTimes());
        times.put(StepKind.RETIRE, Dist.constant(seconds));
        return Fixtures.withUpgrade(e, new Upgrade(u.fromVersion(), u.toVersion(), u.tiers(), u.schema(), u.directives(),
                u.libraries(), u.interfaces(), u.movedLocations(), times, u.faultyStartTimes()));
    }

    private static double duration(Experiment e, Scenario s, int replication) {
        return Simulation.run(Fixtures.input(e, s, FaultModel.none()), replication).upgradeDurationS();
    }

    @Test
    void aNodeAStopStoppedRetiresAtOnce() {
        Experiment e = Fixtures.load("bidding.yaml");
        Scenario surge = new Scenario("surge", new Strategy.Rolling(1, 1, 1, 0, false), new FaultSpec.None());
        Plan plan = Fixtures.input(e, surge, FaultModel.none()).plan();
        // The plan retires nodes it has stopped: what this test is about.
        assertThat(plan.steps().stream().map(PlannedStep::step).filter(Step.Retire.class::isInstance)).isNotEmpty();
        for (int r = 0; r < 3; r++) {
            assertThat(duration(withRetire(e, 30), surge, r)).isEqualTo(duration(withRetire(e, 0), surge, r));
        }
    }

    @Test
    void aRunningOldUniverseTakesItsRetireTime() {
        Experiment e = Fixtures.load("bidding.yaml");
        Scenario blueGreen = e.scenario("blue-green").orElseThrow();
        assertThat(duration(withRetire(e, 30), blueGreen, 0)).isGreaterThan(duration(withRetire(e, 0), blueGreen, 0) + 29);
    }
}
