package imago.sim;

import imago.model.dist.Dist;
import imago.model.experiment.Experiment;
import imago.model.experiment.FaultSpec;
import imago.model.experiment.Scenario;
import imago.model.fault.FaultModel;
import imago.model.fault.FaultType;
import imago.model.metrics.Outcome;
import imago.model.metrics.RunResult;
import imago.model.plan.StepKind;
import imago.model.strategy.Strategy;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Faults on three-tier.yaml: in-place and rolling steps act on production, so their faults hit
 * live traffic; Imago's act on the parallel universe, where the runtime test's replayed reads catch them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FaultInjectionTest {

    private static final int REPLICATIONS = 8;
    private Experiment exp;
    private final Map<String, List<DetailedRun>> runs = new java.util.HashMap<>();

    /** Several times the hand-written rates, so a handful of replications inject enough faults. */
    static FaultModel strong() {
        Map<StepKind, Map<FaultType, Double>> p = new EnumMap<>(StepKind.class);
        p.put(StepKind.CONFIGURE, Map.of(FaultType.SIMPLE_CONFIG, 0.15, FaultType.SEMANTIC_CONFIG, 0.10));
        p.put(StepKind.INSTALL, Map.of(FaultType.BROKEN_ENVIRONMENT, 0.15));
        p.put(StepKind.START, Map.of(FaultType.SIMPLE_CONFIG, 0.05, FaultType.BROKEN_ENVIRONMENT, 0.05));
        p.put(StepKind.CONVERT_DATA, Map.of(FaultType.DATA_ACCESS, 0.3));
        FaultModel hw = FaultModel.handWritten();
        return new FaultModel("strong", p, hw.detection(), hw.repair(), Map.of(), Map.of(), Optional.empty());
    }

    @BeforeAll
    void runAll() {
        exp = Fixtures.withRate(Fixtures.threeTier(), 40);
        for (String s : List.of("in-place", "rolling", "imago")) {
            SimulationInput in = Fixtures.input(exp, s, strong());
            List<DetailedRun> list = new ArrayList<>();
            for (int r = 0; r < REPLICATIONS; r++) {
                list.add(Simulation.runDetailed(in, r));
            }
            runs.put(s, list);
        }
    }

    private Fixtures.Interval reachedShare(String scenario) {
        long injected = 0, reached = 0;
        for (DetailedRun d : runs.get(scenario)) {
            injected += d.result().faultsInjected();
            reached += d.result().faultsReachedProduction();
        }
        assertThat(injected).as(scenario + " injected faults").isPositive();
        return Fixtures.wilson(reached, injected);
    }

    @Test
    void farFewerInjectedFaultsReachProductionUnderImago() {
        var imago = reachedShare("imago");
        var rolling = reachedShare("rolling");
        var inPlace = reachedShare("in-place");
        assertThat(imago.upper()).as("imago share reaching production, upper 95%% bound")
                .isLessThan(rolling.lower()).isLessThan(inPlace.lower());
        // Imago's 120 s test replays 90% of some 36 reads/s: hundreds of reads reach every node of
        // the parallel universe, and every read touches data, so no fault made there escapes.
        assertThat(runs.get("imago")).allSatisfy(d -> assertThat(d.result().faultsEscaped()).isZero());
    }

    @Test
    void perFaultRecordsAddUpToTheCounts() {
        for (List<DetailedRun> list : runs.values()) {
            for (DetailedRun d : list) {
                RunResult r = d.result();
                assertThat(d.faults()).hasSize(r.faultsInjected());
                assertThat(d.faults().stream().filter(InjectedFault::reachedProduction).count())
                        .isEqualTo(r.faultsReachedProduction());
                assertThat(d.faults().stream().filter(f -> f.fate() == InjectedFault.Fate.CAUGHT).count())
                        .isEqualTo(r.faultsCaught());
                assertThat(d.faults().stream().filter(f -> f.fate() == InjectedFault.Fate.ESCAPED).count())
                        .isEqualTo(r.faultsEscaped());
                assertThat(r.faultsCaught() + r.faultsEscaped()).isLessThanOrEqualTo(r.faultsInjected());
                var total = r.faultsByType().values().stream().reduce(imago.model.metrics.FaultCounts.NONE,
                        imago.model.metrics.FaultCounts::plus);
                assertThat(total).isEqualTo(new imago.model.metrics.FaultCounts(r.faultsInjected(),
                        r.faultsReachedProduction(), r.faultsCaught(), r.faultsEscaped()));
            }
        }
        // In production every fault is a direct one; in the parallel universe none is.
        assertThat(runs.get("rolling")).allSatisfy(d -> assertThat(d.result().faultsCaught() + d.result().faultsEscaped()).isZero());
        assertThat(runs.get("imago")).allSatisfy(d -> assertThat(d.faults())
                .noneMatch(f -> f.fate() == InjectedFault.Fate.REACHED_PRODUCTION));
    }

    @Test
    void theFaultStreamDoesNotDisturbTheTraffic() {
        // Common random numbers: the same offered requests with and without faults.
        SimulationInput clean = Fixtures.input(exp, "in-place", FaultModel.none());
        SimulationInput faulty = Fixtures.input(exp, "in-place", strong());
        RunResult a = Simulation.run(clean, 0);
        RunResult b = Simulation.run(faulty, 0);
        assertThat(b.upgradeDurationS()).isEqualTo(a.upgradeDurationS());
        assertThat(b.timeline()).hasSameSizeAs(a.timeline());
        // Until the first step nothing differs, so the seconds before it are identical.
        int pre = (int) exp.preS();
        assertThat(b.timeline().subList(0, pre)).isEqualTo(a.timeline().subList(0, pre));
    }

    /** Inline model: every target of {@code kind} gets a {@code type} fault, detected after {@code detectS}. */
    private static FaultModel certain(StepKind kind, FaultType type, double detectS) {
        Map<FaultType, Dist> detection = new EnumMap<>(FaultModel.handWritten().detection());
        detection.put(type, Dist.constant(detectS));
        return new FaultModel("certain", Map.of(kind, Map.of(type, 1.0)), detection,
                FaultModel.handWritten().repair(), Map.of(), Map.of(), Optional.empty());
    }

    @Test
    void anEscapedFaultReversesTheSwitchAndSyncsTheWritesMadeMeanwhileBack() {
        Scenario blind = new Scenario("imago-blind", new Strategy.Imago(0, 60, true, 2), new FaultSpec.None());
        Experiment e = Fixtures.withStrategy(exp, blind);
        // Semantic faults fail half the requests through each node, so some writes still succeed
        // in the new universe before the fault is detected 30 s after the switch.
        DetailedRun d = Simulation.runDetailed(Fixtures.input(e, blind,
                certain(StepKind.CONFIGURE, FaultType.SEMANTIC_CONFIG, 30)), 0);
        RunResult r = d.result();
        assertThat(r.outcome()).isEqualTo(Outcome.ROLLED_BACK);
        assertThat(r.faultsEscaped()).isEqualTo(r.faultsInjected()).isPositive();
        assertThat(r.faultsReachedProduction()).isPositive();
        assertThat(r.lostWrites()).isZero();
        // After the reversal production serves the old version again.
        assertThat(r.timeline().getLast().newVersionShare()).isZero();
    }

    @Test
    void rollingWithAbortOnFaultRollsBack() {
        Scenario abort = new Scenario("rolling-abort", new Strategy.Rolling(1, 0, 10, 0, true), new FaultSpec.None());
        // A compatible schema keeps old nodes writing during the rollout, so the restore has writes to lose.
        Experiment e = Fixtures.compatible(Fixtures.withStrategy(exp, abort));
        RunResult r = Simulation.run(Fixtures.input(e, abort, certain(StepKind.INSTALL, FaultType.BROKEN_ENVIRONMENT, 5)), 0);
        assertThat(r.outcome()).isEqualTo(Outcome.ROLLED_BACK);
        assertThat(r.timeline().getLast().newVersionShare()).isZero();
        // The data conversion ran before the first node: restoring the backup loses what was written since.
        assertThat(r.lostWrites()).isPositive();
    }
}
