package imago.experiments.simvsreal;

import imago.experiments.stats.Summary;
import imago.model.plan.StepKind;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SimVsRealTargetsTest {

    private static Summary point(double mean) {
        return new Summary(mean, mean, mean, 30);
    }

    private static Rule rule(String metric) {
        return Compared.ALL.stream().filter(c -> c.name().equals(metric)).findFirst().orElseThrow().rule().orElseThrow();
    }

    @Test
    void availabilityWithinOnePoint() {
        assertThat(rule("availability").met(point(0.90), point(0.909))).isTrue();
        assertThat(rule("availability").met(point(0.90), point(0.889))).isFalse();
    }

    @Test
    void racesAreJudgedByTheExactPoissonIntervalOfTheRealCounts() {
        Rule r = rule("races");
        // Garwood's exact interval: 0 counts in one run bound the rate by -ln(0.025) = 3.689; 5 counts give [1.6235, 11.668].
        assertThat(Rule.CountRelativeOrCi.poisson(0, 1)[1]).isCloseTo(3.6889, within(1e-3));
        assertThat(Rule.CountRelativeOrCi.poisson(5, 1)[0]).isCloseTo(1.6235, within(1e-3));
        assertThat(Rule.CountRelativeOrCi.poisson(5, 1)[1]).isCloseTo(11.668, within(1e-3));
        // Three real runs without a race: a simulated 0.4 per run is consistent, 1.4 is not.
        Summary none = new Summary(0, 0, 0, 3);
        assertThat(r.met(none, point(0.4))).isTrue();
        assertThat(r.met(none, point(1.4))).isFalse();
        // Many counts: the 20% band decides, and the intervals are no wider than it.
        assertThat(r.met(new Summary(10, 9, 11, 30), point(11.9))).isTrue();
        assertThat(r.met(new Summary(10, 9, 11, 30), point(13))).isFalse();
    }

    @Test
    void aMissInsideTheRealIntervalIsReportedBesideTheTargetNotInItsPlace() {
        Summary real = Summary.of(new double[]{0.60, 0.64, 0.62});   // 0.62, 95% CI +- 0.050
        SimVsReal.Row inside = new SimVsReal.Row("s", "availability", real, point(0.65), point(0.65), "", Optional.of(false), "");
        SimVsReal.Row outside = new SimVsReal.Row("s", "availability", real, point(0.68), point(0.68), "", Optional.of(false), "");
        SimVsReal.Row untargeted = new SimVsReal.Row("s", "lost_writes", real, point(0.65), point(0.65), "", Optional.empty(), "");
        assertThat(inside.withinTargetOrRealCi()).contains(true);
        assertThat(outside.withinTargetOrRealCi()).contains(false);
        assertThat(untargeted.withinTargetOrRealCi()).isEmpty();
        // One real run has no interval.
        assertThat(new SimVsReal.Row("s", "availability", point1(0.62), point(0.65), point(0.65), "", Optional.of(false), "")
                .withinTargetOrRealCi()).contains(false);
    }

    private static Summary point1(double mean) {
        return new Summary(mean, mean, mean, 1);
    }

    @Test
    void unavailableSecondsWithinTwentyPercentOrOneBin() {
        Rule r = rule("unavailable_s");
        assertThat(r.met(point(30), point(35.9))).isTrue();
        assertThat(r.met(point(30), point(36.1))).isFalse();
        assertThat(r.met(point(0.5), point(1.4))).isTrue();   // below a bin's resolution
        assertThat(r.met(point(0.5), point(1.6))).isFalse();
    }

    @Test
    void racesAreErrorsPlusSilentWithinTwentyPercentOrInsideTheRealCi() {
        Compared races = Compared.ALL.stream().filter(c -> c.name().equals("races")).findFirst().orElseThrow();
        assertThat(races.of(Map.of("races_error", 3.0, "races_silent", 4.0))).contains(7.0);
        assertThat(races.of(Map.of("races_error", 3.0))).isEmpty();                  // a column the run lacks
        Rule r = races.rule().orElseThrow();
        assertThat(r.met(point(10), point(11.9))).isTrue();
        assertThat(r.met(point(10), point(12.1))).isFalse();
        // Three real runs of 4, 10 and 16 races: mean 10, 95% CI 10 +- 4.303 * 6 / sqrt 3 = [-4.9, 24.9].
        Summary noisy = Summary.of(new double[]{4, 10, 16});
        assertThat(noisy.ciHigh()).isCloseTo(24.9, within(0.01));
        assertThat(r.met(noisy, point(24))).isTrue();
        assertThat(r.met(noisy, point(25))).isFalse();
        // One real run has no t interval: its count's exact Poisson interval, [4.80, 18.39] for 10, applies.
        assertThat(r.met(new Summary(10, 10, 10, 1), point(18))).isTrue();
        assertThat(r.met(new Summary(10, 10, 10, 1), point(19))).isFalse();
    }

    @Test
    void latencyTargetIsComparedByName() {
        assertThat(Compared.ALL).anySatisfy(c -> assertThat(c.name()).isEqualTo("p99_upgrade_latency_ms"));
        assertThat(rule("p99_upgrade_latency_ms").met(point(50), point(59))).isTrue();
        assertThat(rule("p99_upgrade_latency_ms").met(point(50), point(61))).isFalse();
        assertThat(Compared.ALL.stream().filter(c -> c.name().equals("upgrade_duration_s")).findFirst().orElseThrow().rule())
                .isEqualTo(Optional.empty());                                          // shown, no target
    }

    @Test
    void fatesAgreeInTheShareOfRunPairsThatEndAlike() {
        Map<Fate, Integer> real = Map.of(Fate.REVERSED, 3);
        assertThat(Fate.agreement(real, Map.of(Fate.REVERSED, 9, Fate.REACHED_PRODUCTION, 1))).isCloseTo(0.9, within(1e-12));
        assertThat(Fate.agreement(real, Map.of(Fate.REVERSED, 8, Fate.CAUGHT, 2))).isCloseTo(0.8, within(1e-12));
        // Real runs split 2:1; simulated all caught: a third of the pairs agree.
        assertThat(Fate.agreement(Map.of(Fate.CAUGHT, 1, Fate.REVERSED, 2), Map.of(Fate.CAUGHT, 10))).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(Fate.agreement(real, Map.of())).isNaN();
    }

    @Test
    void theFateRowMeetsItsTargetAtNinetyPercent() {
        RunLogs rolledBack = new RunLogs("in-place-type1", 0, List.of(new RunLogs.StepRow(StepKind.ROLLBACK,
                "production", List.of("db-1"), 2.0, "ok", "rolled back to v1")), List.of(), Map.of());
        RealRuns.Run run = new RealRuns.Run("in-place-type1", 0, "rolled-back",
                Map.of("faults_injected", 1.0, "faults_reached_production", 1.0, "faults_caught", 0.0), List.of(), rolledBack);
        List<Fate> nineOfTen = new ArrayList<>(Collections.nCopies(9, Fate.REVERSED));
        nineOfTen.add(Fate.REACHED_PRODUCTION);
        assertThat(SimVsReal.fateRow("in-place-type1", List.of(run), nineOfTen, "cause").withinTarget()).contains(true);
        nineOfTen.set(0, Fate.CAUGHT);
        SimVsReal.Row missed = SimVsReal.fateRow("in-place-type1", List.of(run), nineOfTen, "the measured cause");
        assertThat(missed.withinTarget()).contains(false);
        assertThat(missed.detail()).contains("detected and reversed 1/1", "the measured cause");
    }
}
