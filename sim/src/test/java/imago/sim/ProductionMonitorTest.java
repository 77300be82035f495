package imago.sim;

import imago.model.experiment.Experiment;
import imago.model.experiment.FaultSpec;
import imago.model.experiment.Scenario;
import imago.model.fault.FaultInjection;
import imago.model.fault.FaultModel;
import imago.model.health.MonitorRule;
import imago.model.metrics.Outcome;
import imago.model.metrics.RunResult;
import imago.model.strategy.Strategy;
import imago.model.topology.Tier;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Detection in production emerges from what the monitor sees (MonitorRule over per-node request
 * counts), not from a drawn delay: a fault failing every request on a node is found within a
 * detection's worth of measurements; one failing a small share is never found.
 */
class ProductionMonitorTest {

    private static final double RATE = 40;
    private final Experiment exp = Fixtures.withRate(Fixtures.threeTier(), RATE);

    private DetailedRun run(Experiment e, Scenario s, int replication, SimOptions options) {
        Experiment one = Fixtures.withStrategy(e, s).withMonitor(e.monitor());
        return Simulation.runDetailed(Fixtures.input(one, s, FaultModel.none()), replication, options);
    }

    private static Scenario inPlaceWith(FaultInjection f) {
        return new Scenario("in-place", new Strategy.InPlace(), new FaultSpec.None(), List.of(f));
    }

    private Scenario rollingWith(FaultInjection f) {
        Scenario rolling = exp.scenario("rolling").orElseThrow();
        return new Scenario("rolling", rolling.strategy(), new FaultSpec.None(), List.of(f));
    }

    /** three-tier.yaml's upgrade without what breaks a mixed-version production by itself. */
    private Experiment compatible() {
        return Fixtures.compatible(Fixtures.withoutLibraries(Fixtures.withoutAsync(exp)));
    }

    /** Every request of three-tier.yaml crosses the app tier, shared by its nodes. */
    private double appNodeRate() {
        int replicas = exp.topology().tiers().stream().filter(t -> t.name().equals("app")).mapToInt(Tier::replicas).sum();
        return RATE / replicas;
    }

    @Test
    void aFaultFailingEveryRequestOnANodeIsDetectedWithinADetectionsWorth() {
        MonitorRule rule = exp.monitor();
        // The share failing reaches the threshold half a window in at most; then `consecutive`
        // measurements, the first within an interval: so within consecutive x interval + window.
        // Rolling, so that the rest of production serves and requests reach the node at once.
        double bound = rule.consecutive() * rule.intervalS() + rule.windowS(appNodeRate());
        Scenario s = rollingWith(FaultInjection.of(3, "Start", "app-2"));
        for (int r = 0; r < 4; r++) {
            DetailedRun d = run(compatible(), s, r, SimOptions.defaults());
            InjectedFault f = d.faults().getFirst();
            assertThat(f.fate()).isEqualTo(InjectedFault.Fate.REACHED_PRODUCTION);
            assertThat(f.detectedAtS()).as("replication %d detected", r).isPresent();
            double delay = f.detectedAtS().getAsDouble() - f.activatedAtS().getAsDouble();
            assertThat(delay).as("replication %d", r).isPositive().isLessThanOrEqualTo(bound);
            assertThat(d.result().timeToDetectS()).isEqualTo(delay);
        }
    }

    @Test
    void aFaultFailingASmallShareIsNotDetected() {
        // A type-2 fault failing 5% of a node's requests: about 1 of the 20 a 2-s window holds,
        // far from 5 failures making half of them.
        SimOptions smallShare = new SimOptions(SimOptions.EventListKind.HEAP, SimOptions.Routing.ROUND_ROBIN, 0.05,
                SimOptions.defaults().warmupS());
        Scenario s = inPlaceWith(FaultInjection.of(2, "Configure", "app-1"));
        for (int r = 0; r < 3; r++) {
            DetailedRun d = run(exp, s, r, smallShare);
            InjectedFault f = d.faults().getFirst();
            assertThat(f.activatedAtS()).isPresent();
            assertThat(f.detectedAtS()).as("replication %d", r).isEmpty();
            assertThat(d.result().timeToDetectS()).isNaN();
            assertThat(d.result().blastRadius()).as("it still fails requests").isPositive();
        }
        // The same fault under a monitor configured to act on single failures is found.
        Experiment sensitive = exp.withMonitor(new MonitorRule(2, 0.5, 1, 0.01, 2));
        DetailedRun d = run(sensitive, s, 0, smallShare);
        assertThat(d.faults().getFirst().detectedAtS()).isPresent();
        assertThat(d.result().timeToDetectS()).isPositive();
    }

    @Test
    void timeToDetectIsEmptyWithoutFaults() {
        for (String s : List.of("in-place", "blue-green", "imago")) {
            RunResult r = Simulation.run(Fixtures.input(exp, s, FaultModel.none()), 0);
            assertThat(r.faultsReachedProduction()).isZero();
            assertThat(r.timeToDetectS()).as(s).isNaN();
        }
    }

    @Test
    void blastRadiusIsZeroWithoutFaultsOnACompatibleUpgradeAndNotWithAFaultInPlace() {
        Experiment compatible = compatible();
        for (String s : List.of("rolling", "blue-green", "imago")) {
            RunResult r = Simulation.run(Fixtures.input(compatible, s, FaultModel.none()), 0);
            assertThat(r.outcome()).as(s).isEqualTo(Outcome.SUCCESS);
            assertThat(r.blastRadius()).as(s).isZero();
        }
        Scenario s = inPlaceWith(FaultInjection.of(3, "Start", "app-2"));
        RunResult faulty = run(compatible, s, 0, SimOptions.defaults()).result();
        // At least the failures until the monitor could see them: a node's requests over half a window.
        assertThat(faulty.blastRadius()).isGreaterThanOrEqualTo(exp.monitor().minFailures());
    }

    @Test
    void aNewVersionFailingWithoutAFaultIsRolledBackAsTheExecutorDoes() {
        // Rolling three-tier's incompatible schema: new nodes fail on rows not converted yet; the
        // monitor sees them fail and, as in the executor, production is rolled back.
        for (int r = 0; r < 2; r++) {
            RunResult res = Simulation.run(Fixtures.input(exp, "rolling", FaultModel.none()), r);
            assertThat(res.faultsInjected()).isZero();
            assertThat(res.outcome()).as("replication %d", r).isEqualTo(Outcome.ROLLED_BACK);
            assertThat(res.timeToDetectS()).as("no fault was detected").isNaN();
            assertThat(res.blastRadius()).isPositive();
        }
        // With a monitor that cannot fire, the same upgrade runs to its end.
        RunResult blind = Simulation.run(Fixtures.input(exp.withMonitor(MonitorRule.blind()), "rolling", FaultModel.none()), 0);
        assertThat(blind.outcome()).isNotEqualTo(Outcome.ROLLED_BACK);
    }
}
