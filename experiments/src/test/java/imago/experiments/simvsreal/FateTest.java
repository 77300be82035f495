package imago.experiments.simvsreal;

import imago.model.fault.FaultType;
import imago.model.plan.StepKind;
import imago.model.plan.Universe;
import imago.sim.InjectedFault;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

import static org.assertj.core.api.Assertions.assertThat;

class FateTest {

    private static InjectedFault sim(Universe u, InjectedFault.Fate fate, OptionalDouble activated, OptionalDouble detected,
                                     OptionalDouble repaired) {
        return new InjectedFault(FaultType.SIMPLE_CONFIG, 4, StepKind.CONFIGURE, u, "app-2", 4.0, fate, activated, detected, repaired);
    }

    private static final OptionalDouble NO = OptionalDouble.empty();

    @Test
    void simulatedFatesFollowTheFaultRecord() {
        assertThat(Fate.ofSim(List.of())).isEqualTo(Fate.NONE);
        assertThat(Fate.ofSim(List.of(sim(Universe.PARALLEL, InjectedFault.Fate.CAUGHT, NO, OptionalDouble.of(6), OptionalDouble.of(7)))))
                .isEqualTo(Fate.CAUGHT);
        assertThat(Fate.ofSim(List.of(sim(Universe.PRODUCTION, InjectedFault.Fate.REACHED_PRODUCTION, OptionalDouble.of(5),
                OptionalDouble.of(8), OptionalDouble.of(12))))).isEqualTo(Fate.REVERSED);
        assertThat(Fate.ofSim(List.of(sim(Universe.PARALLEL, InjectedFault.Fate.ESCAPED, OptionalDouble.of(9), NO, NO))))
                .isEqualTo(Fate.REACHED_PRODUCTION);
        assertThat(Fate.ofSim(List.of(sim(Universe.PARALLEL, InjectedFault.Fate.DORMANT, NO, NO, NO)))).isEqualTo(Fate.DORMANT);
        // Two faults: the run takes the worse fate.
        assertThat(Fate.ofSim(List.of(sim(Universe.PARALLEL, InjectedFault.Fate.CAUGHT, NO, OptionalDouble.of(6), OptionalDouble.of(7)),
                sim(Universe.PRODUCTION, InjectedFault.Fate.REACHED_PRODUCTION, OptionalDouble.of(5), NO, NO))))
                .isEqualTo(Fate.REACHED_PRODUCTION);
    }

    private static RunLogs.StepRow step(StepKind k, String universe, String status, String detail) {
        return new RunLogs.StepRow(k, universe, List.of("app-2"), 1.0, status, detail);
    }

    @Test
    void realFatesFollowTheFaultCountsAndTheRecoverySteps() {
        Map<String, Double> reached = Map.of("faults_injected", 1.0, "faults_reached_production", 1.0, "faults_caught", 0.0);
        assertThat(Fate.ofReal(Map.of("faults_injected", 0.0), List.of())).isEqualTo(Fate.NONE);
        assertThat(Fate.ofReal(Map.of("faults_injected", 1.0, "faults_reached_production", 0.0, "faults_caught", 1.0),
                List.of(step(StepKind.START, "parallel", "ok", "repair in the parallel universe: [...]")))).isEqualTo(Fate.CAUGHT);
        assertThat(Fate.ofReal(reached, List.of(step(StepKind.START, "production", "failed", "port taken"),
                step(StepKind.ROLLBACK, "production", "ok", "rolled back to v1 (...): ...")))).isEqualTo(Fate.REVERSED);
        assertThat(Fate.ofReal(reached, List.of(step(StepKind.SWITCH, "production", "ok", "switched back to production (3 changes synced back): ..."))))
                .isEqualTo(Fate.REVERSED);
        assertThat(Fate.ofReal(reached, List.of(step(StepKind.START, "production", "ok", "repaired in the serving universe: ..."))))
                .isEqualTo(Fate.REVERSED);
        assertThat(Fate.ofReal(reached, List.of(step(StepKind.START, "production", "ok", "started [app-2] and put in rotation"))))
                .isEqualTo(Fate.REACHED_PRODUCTION);
        assertThat(Fate.ofReal(Map.of("faults_injected", 1.0, "faults_reached_production", 0.0, "faults_caught", 0.0), List.of()))
                .isEqualTo(Fate.DORMANT);
    }

    @Test
    void describesCountsMostFrequentFirst() {
        assertThat(Fate.describe(Map.of(Fate.CAUGHT, 9, Fate.REACHED_PRODUCTION, 1)))
                .isEqualTo("caught before the switch 9/10, reached production 1/10");
    }
}
