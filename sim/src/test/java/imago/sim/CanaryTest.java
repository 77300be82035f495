package imago.sim;

import imago.model.experiment.Experiment;
import imago.model.experiment.FaultSpec;
import imago.model.experiment.Scenario;
import imago.model.fault.FaultInjection;
import imago.model.fault.FaultModel;
import imago.model.metrics.Outcome;
import imago.model.metrics.RunResult;
import imago.model.plan.CanaryAnalysis;
import imago.model.strategy.CanaryStep;
import imago.model.strategy.Strategy;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A canary with analysis in the simulator (three-tier, compatible schema): a fault on a canary
 * node fails the analysis and aborts the rollout; without a fault it completes; and the fault's
 * blast radius is smaller than a rolling upgrade's.
 */
class CanaryTest {

    private static final int REPLICATIONS = 10;

    // Without the shared-host library: its hidden breakage would have the production monitor roll
    // a rolling upgrade back before the fault under study serves (both backends recover from it).
    private final Experiment exp = Fixtures.withoutLibraries(Fixtures.compatible(Fixtures.withRate(Fixtures.threeTier(), 20)));

    /** 10% with a 3 x 5 s error-rate analysis, then 50% and 100% after pauses. */
    static Strategy.Canary canary() {
        return new Strategy.Canary(List.of(
                new CanaryStep.SetWeight(10),
                new CanaryStep.Analysis(new CanaryAnalysis(CanaryAnalysis.Metric.ERROR_RATE, 0.05, 5, 3, 0, 0)),
                new CanaryStep.Pause(30),
                new CanaryStep.SetWeight(50),
                new CanaryStep.Pause(30),
                new CanaryStep.SetWeight(100)), 10, false);
    }

    private DetailedRun run(Scenario s, int replication) {
        return Simulation.runDetailed(Fixtures.input(Fixtures.withStrategy(exp, s), s, FaultModel.none()), replication);
    }

    /** A type 1 fault (a simple configuration error: every request on the node fails) at the Start of {@code node}. */
    private static Scenario faulty(String name, Strategy st, String node) {
        return new Scenario(name, st, new FaultSpec.None(), List.of(FaultInjection.of(1, "Start", node)));
    }

    private static Scenario clean(String name, Strategy st) {
        return new Scenario(name, st, new FaultSpec.None());
    }

    private static long failed(RunResult r) {
        return Math.round(r.offered() * (1 - r.availability()));
    }

    @Test
    void aFaultFreeCanaryCompletes() {
        for (int r = 0; r < 3; r++) {
            RunResult res = run(clean("canary", canary()), r).result();
            assertThat(res.outcome()).isEqualTo(Outcome.SUCCESS);
            // Weights 10, 50 and 100, two 30 s pauses and a 15 s analysis: the plan cannot be shorter.
            assertThat(res.upgradeDurationS()).isGreaterThan(75);
            assertThat(res.mixedVersionS()).isGreaterThan(75);
        }
    }

    @Test
    void theAnalysisAbortsARolloutWhoseCanaryNodeIsFaulty() {
        for (int r = 0; r < 3; r++) {
            DetailedRun d = run(faulty("canary", canary(), "app-5"), r);
            assertThat(d.faults()).singleElement().satisfies(f -> {
                assertThat(f.target()).isEqualTo("app-5");
                assertThat(f.fate()).isEqualTo(InjectedFault.Fate.REACHED_PRODUCTION);
            });
            assertThat(d.result().outcome()).isEqualTo(Outcome.ROLLED_BACK);
        }
    }

    /**
     * An interval without new-version requests is inconclusive, and more inconclusive measurements
     * than the limit abort, as Argo's inconclusive run would stop for a human who is not there. At
     * 0.001 requests/s the 15 s analysis sees a request with probability below 1.5%; tolerating
     * all three inconclusive measurements, the same canary completes.
     */
    @Test
    void anAnalysisWithoutRequestsIsInconclusiveAndAborts() {
        Experiment idle = Fixtures.withRate(exp, 0.001);
        Strategy.Canary strict = canary();
        List<CanaryStep> tolerant = strict.steps().stream().map(s -> s instanceof CanaryStep.Analysis
                ? (CanaryStep) new CanaryStep.Analysis(new CanaryAnalysis(CanaryAnalysis.Metric.ERROR_RATE, 0.05, 5, 3, 0, 3)) : s).toList();
        for (int r = 0; r < 3; r++) {
            Scenario s = clean("canary", strict);
            assertThat(Simulation.run(Fixtures.input(Fixtures.withStrategy(idle, s), s, FaultModel.none()), r).outcome())
                    .isEqualTo(Outcome.ROLLED_BACK);
            Scenario t = clean("canary", new Strategy.Canary(tolerant, strict.readinessDelayS(), false));
            assertThat(Simulation.run(Fixtures.input(Fixtures.withStrategy(idle, t), t, FaultModel.none()), r).outcome())
                    .isEqualTo(Outcome.SUCCESS);
        }
    }

    @Test
    void withoutAnAnalysisTheSameFaultIsPromoted() {
        Strategy.Canary c = canary();
        Strategy.Canary blind = new Strategy.Canary(c.steps().stream().filter(s -> !(s instanceof CanaryStep.Analysis)).toList(),
                c.readinessDelayS(), false);
        assertThat(run(faulty("canary", blind, "app-5"), 0).result().outcome()).isNotEqualTo(Outcome.ROLLED_BACK);
    }

    /**
     * The requests a fault fails: its run's failed requests minus those of the same replication
     * without it (common random numbers pair them). A 10% canary with analysis exposes a tenth of
     * the sessions for one interval; rolling sends a quarter of all requests to the faulty node
     * until the fault is detected and repaired. The paired 95% interval of rolling's minus the
     * canary's must lie above 0.
     */
    @Test
    void aCanarysBlastRadiusIsSmallerThanRollings() {
        Strategy.Rolling rolling = new Strategy.Rolling(1, 0, 10, 0, false);
        List<Double> rollingBlast = new ArrayList<>(), canaryBlast = new ArrayList<>();
        for (int r = 0; r < REPLICATIONS; r++) {
            rollingBlast.add((double) failed(run(faulty("rolling", rolling, "app-1"), r).result())
                    - failed(run(clean("rolling", rolling), r).result()));
            canaryBlast.add((double) failed(run(faulty("canary", canary(), "app-5"), r).result())
                    - failed(run(clean("canary", canary()), r).result()));
        }
        Fixtures.Interval diff = Fixtures.pairedCi(rollingBlast, canaryBlast, x -> x);
        assertThat(diff.lower()).as("rolling %s, canary %s", rollingBlast, canaryBlast).isGreaterThan(0);
    }

    /**
     * Sessions stick to a version, so a callback crosses versions only when the weight jumps to
     * 100 (a session pinned to the old version moves) and not while both versions serve, as in a
     * rolling upgrade's round robin: the paired 95% interval of rolling's visible races minus the
     * canary's lies above 0.
     */
    @Test
    void stickySessionsRaceLessThanRollingsRoundRobin() {
        Strategy.Rolling rolling = new Strategy.Rolling(1, 0, 10, 0, false);
        List<RunResult> r = new ArrayList<>(), c = new ArrayList<>();
        for (int i = 0; i < REPLICATIONS; i++) {
            r.add(run(clean("rolling", rolling), i).result());
            c.add(run(clean("canary", canary()), i).result());
        }
        Fixtures.Interval diff = Fixtures.pairedCi(r, c, RunResult::racesError);
        assertThat(diff.lower()).isGreaterThan(0);
    }
}
