package imago.sim;

import imago.model.dist.Dist;
import imago.model.experiment.Experiment;
import imago.model.fault.FaultModel;
import imago.model.health.MonitorRule;
import imago.model.metrics.Outcome;
import imago.model.metrics.RunResult;
import imago.model.plan.StepKind;
import imago.model.topology.Tier;
import imago.model.topology.TierKind;
import imago.model.upgrade.SchemaChange;
import imago.model.upgrade.Upgrade;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The four strategies on three-tier.yaml without faults (the offered rate halved to keep the test
 * short; the upgrade is the config's). Every comparison uses a Student-t interval over the
 * replications, paired where common random numbers make pairs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StrategyComparisonTest {

    private static final int REPLICATIONS = 6;
    private Experiment exp;
    private List<RunResult> inPlace, rolling, blueGreen, imago;

    @BeforeAll
    void runAll() {
        // The plans compared as they run: the monitor, which rolls rolling back here (its new nodes
        // fail on rows not converted yet), is ProductionMonitorTest's subject.
        exp = Fixtures.withRate(Fixtures.threeTier(), 100).withMonitor(MonitorRule.blind());
        inPlace = runs("in-place");
        rolling = runs("rolling");
        blueGreen = runs("blue-green");
        imago = runs("imago");
    }

    private List<RunResult> runs(String scenario) {
        SimulationInput in = Fixtures.input(exp, scenario, FaultModel.none());
        return IntStream.range(0, REPLICATIONS).mapToObj(r -> Simulation.run(in, r)).toList();
    }

    @Test
    void imagoIsMoreAvailableThanRollingAndInPlace() {
        var vsRolling = Fixtures.pairedCi(imago, rolling, RunResult::availability);
        var vsInPlace = Fixtures.pairedCi(imago, inPlace, RunResult::availability);
        assertThat(vsRolling.lower()).as("imago - rolling availability, 95%% CI lower bound").isPositive();
        assertThat(vsInPlace.lower()).as("imago - in-place availability, 95%% CI lower bound").isPositive();
    }

    @Test
    void inPlacePlannedDowntimeIsTheConversionPlusTheStopToStartOverheads() {
        Upgrade u = exp.upgrade();
        SchemaChange s = u.schema().orElseThrow();
        List<Tier> tiers = u.tiers().stream().map(exp.topology()::requireTier).toList();
        int targets = tiers.stream().mapToInt(Tier::replicas).sum();
        // Service is out from the drain to the moment every tier has a started node again. The
        // drain itself ends as soon as in-flight requests finish (milliseconds).
        double expected = s.rows() / s.conversionRate()
                + Fixtures.expectedMax(u.stepTime(StepKind.STOP), targets)
                + Fixtures.expectedMax(u.stepTime(StepKind.INSTALL), targets)
                + Fixtures.expectedMax(u.stepTime(StepKind.CONFIGURE), targets)
                + expectedMaxOverTiersOfMin((Dist.Uniform) u.stepTime(StepKind.START), tiers);
        var planned = Fixtures.ci(inPlace, RunResult::plannedUnavailableS);
        // Two boundary bins are partly available: at most one second each.
        assertThat(Math.abs(planned.mean() - expected)).isLessThanOrEqualTo(planned.halfWidth() + 2);
        var unplanned = Fixtures.ci(inPlace, RunResult::unplannedUnavailableS);
        assertThat(unplanned.upper()).isLessThan(0.01 * planned.mean());
    }

    /** E[max over tiers of the min over the tier's nodes] of independent uniform start times. */
    private static double expectedMaxOverTiersOfMin(Dist.Uniform d, List<Tier> tiers) {
        int steps = 100_000;
        double sum = 0;
        for (int i = 0; i < steps; i++) {
            double x = (i + 0.5) / steps; // P(max of mins <= x) = prod over tiers of (1 - (1-x)^n)
            double cdf = 1;
            for (Tier t : tiers) {
                cdf *= 1 - Math.pow(1 - x, t.replicas());
            }
            sum += 1 - cdf;
        }
        return d.min() + (d.max() - d.min()) * sum / steps;
    }

    @Test
    void rollingRacesOnTheMovedInterfaceAndImagoWithDrainedSessionsDoesNot() {
        var races = Fixtures.ci(rolling, r -> r.racesError() + r.racesSilent());
        assertThat(races.lower()).as("rolling races, 95%% CI lower bound").isPositive();
        assertThat(imago).allSatisfy(r -> {
            assertThat(r.racesError()).isZero();
            assertThat(r.racesSilent()).isZero();
        });
    }

    @Test
    void imagoCostsTwiceTheSteadyStateBecauseItRunsAWholeSecondUniverse() {
        int n = exp.topology().nodeCount();
        int copied = exp.topology().tiers().stream().filter(t -> t.kind() != TierKind.INGRESS).mapToInt(Tier::replicas).sum();
        var imagoCost = Fixtures.ci(imago, RunResult::resourceCost);
        var rollingCost = Fixtures.ci(rolling, RunResult::resourceCost);
        var inPlaceCost = Fixtures.ci(inPlace, RunResult::resourceCost);
        // Copies exist from the start of their provisioning to the retirement of production, so
        // over the whole upgrade: (n + copied) / n, which is 2 less the ingress it does not copy.
        assertThat(imagoCost.mean()).isCloseTo((double) (n + copied) / n, org.assertj.core.data.Offset.offset(imagoCost.halfWidth() + 1e-9));
        assertThat(rollingCost.upper()).isLessThanOrEqualTo(1 + 1e-9);
        assertThat(inPlaceCost.upper()).isLessThanOrEqualTo(1 + 1e-9);
        assertThat(imagoCost.mean() / rollingCost.mean()).isBetween(2.0 * (n - 1) / n, 2.0);
        assertThat(imagoCost.mean() / inPlaceCost.mean()).isBetween(2.0 * (n - 1) / n, 2.0);
    }

    @Test
    void withoutFaultsEveryStrategySucceeds() {
        List<RunResult> all = new ArrayList<>();
        all.addAll(inPlace);
        all.addAll(rolling);
        all.addAll(blueGreen);
        all.addAll(imago);
        assertThat(all).allSatisfy(r -> assertThat(r.outcome()).isEqualTo(Outcome.SUCCESS));
    }

    @Test
    void imagoPlannedDowntimeIsOnlyItsSwitchover() {
        // Requests held by the switch fail only if the hold pushes them past the timeout.
        var planned = Fixtures.ci(imago, RunResult::plannedUnavailableS);
        double hold = 2; // three-tier.yaml's imago keeps the default switchHold
        assertThat(planned.upper()).isLessThanOrEqualTo(hold + 2);
        var unplanned = Fixtures.ci(imago, RunResult::unplannedUnavailableS);
        assertThat(unplanned.upper()).isLessThan(1);
    }

    @Test
    void blueGreenRefusesWritesWhileTheCopyConverts() {
        SchemaChange s = exp.upgrade().schema().orElseThrow();
        double w = exp.workload().writeFraction();
        double f = exp.workload().async().fraction();
        // While production is read-only, every write fails; callbacks come only from the
        // successful (non-write) share, so writes are w / (1 + f (1 - w)) of what is offered.
        double share = w / (1 + f * (1 - w));
        var planned = Fixtures.ci(blueGreen, RunResult::plannedUnavailableS);
        double expected = s.bulkSeconds() * share;
        // Two boundary bins are partly read-only.
        assertThat(Math.abs(planned.mean() - expected)).isLessThanOrEqualTo(planned.halfWidth() + 2 * share);
    }
}
