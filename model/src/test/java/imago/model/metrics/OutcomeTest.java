package imago.model.metrics;

import imago.model.fault.FaultType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The one outcome decision and the one fault count both backends use. */
class OutcomeTest {

    @Test
    void precedenceRunsFromCutShortToBrokenToRolledBack() {
        assertThat(Outcome.of(new Outcome.Facts(true, true, true, true))).isEqualTo(Outcome.TIMED_OUT);
        assertThat(Outcome.of(new Outcome.Facts(false, true, true, true))).isEqualTo(Outcome.SYNC_NEVER_CONVERGES);
        assertThat(Outcome.of(new Outcome.Facts(false, false, true, true))).isEqualTo(Outcome.PRODUCTION_BROKEN);
        assertThat(Outcome.of(new Outcome.Facts(false, false, false, true))).isEqualTo(Outcome.ROLLED_BACK);
        assertThat(Outcome.of(new Outcome.Facts(false, false, false, false))).isEqualTo(Outcome.SUCCESS);
    }

    @Test
    void aFaultIsCaughtOnlyIfCaughtBeforeItReachedProduction() {
        Map<FaultType, FaultCounts> byType = FaultCounts.byType(List.of(
                new FaultCounts.Fate(FaultType.SIMPLE_CONFIG, false, true, false),
                new FaultCounts.Fate(FaultType.SIMPLE_CONFIG, true, true, false),
                new FaultCounts.Fate(FaultType.DATA_ACCESS, true, false, true)));
        assertThat(byType).containsExactlyInAnyOrderEntriesOf(Map.of(
                FaultType.SIMPLE_CONFIG, new FaultCounts(2, 1, 1, 0),
                FaultType.DATA_ACCESS, new FaultCounts(1, 1, 0, 1)));
        assertThat(FaultCounts.total(byType)).isEqualTo(new FaultCounts(3, 2, 1, 1));
    }
}
