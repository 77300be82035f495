package imago.experiments.advise;

import imago.model.metrics.Outcome;
import imago.model.metrics.RunResult;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The selection on candidates whose metrics are drawn from known normal distributions, so that the
 * right answer is known: availability ~ N(mean, sd) per replication, resource cost ~ N(cost, sd).
 */
class SelectionTest {

    record Truth(double availability, double cost) {
    }

    static final double SD = 0.002;
    static final List<Requirement> NEED = List.of(Requirement.parse("availability>=0.99"));

    /** Replication r of candidate c, with noise common to all candidates (common random numbers) plus its own. */
    static Selection.Replicator replicator(List<Truth> truths, long seed) {
        return (chosen, from, to) -> {
            List<List<RunResult>> out = new ArrayList<>();
            for (int c : chosen) {
                List<RunResult> rs = new ArrayList<>();
                for (int r = from; r < to; r++) {
                    SplittableRandom common = new SplittableRandom(seed * 1_000_003 + r);
                    SplittableRandom own = new SplittableRandom(seed * 7_919 + r * 131 + c);
                    double shared = gauss(common);
                    Truth t = truths.get(c);
                    rs.add(result(t.availability() + SD * (0.8 * shared + 0.6 * gauss(own)),
                            t.cost() + 0.05 * (0.8 * shared + 0.6 * gauss(own))));
                }
                out.add(rs);
            }
            return out;
        };
    }

    static double gauss(SplittableRandom g) {
        return Math.sqrt(-2 * Math.log(1 - g.nextDouble())) * Math.cos(2 * Math.PI * g.nextDouble());
    }

    static RunResult result(double availability, double cost) {
        return new RunResult("x", 0, availability, 0, 0, 0, 10, 0, 0, 0, 0, 0, 0, 0, 0, Outcome.SUCCESS, cost,
                1, 2, 100, 1000, List.of());
    }

    static Selection selection(int initial, int max) {
        return new Selection(NEED, "resource_cost", new Selection.Settings(0.95, initial, max, Optional.of(0.02)));
    }

    @Test
    void choosesTheCheapestFeasibleCandidateWithItsStatedProbability() {
        // Candidate 2 is cheapest but misses; 1 is the cheapest that meets; 0 and 3 meet but cost more.
        List<Truth> truths = List.of(new Truth(0.999, 2.0), new Truth(0.995, 1.5), new Truth(0.98, 1.0), new Truth(0.999, 1.8));
        int trials = 200;
        int correct = 0;
        for (long seed = 1; seed <= trials; seed++) {
            Selection.Outcome o = selection(5, 60).run(truths.size(), replicator(truths, seed));
            if (o.selected().equals(Optional.of(1))) {
                correct++;
            }
        }
        // The procedure promises >= 95%; with 200 trials a true 95% gives at least 183 correct but for 1 time in 1000
        // (binomial lower 0.1% quantile), so fewer would refute the promise.
        assertThat(correct).isGreaterThanOrEqualTo(183);
    }

    @Test
    void hopelessCandidatesStopEarlySoTheSearchCostsLessThanTheGrid() {
        // Two clearly infeasible candidates and two feasible ones 0.03 apart in cost: the infeasible stop after the
        // first stage while the feasible ones need more replications to be told apart.
        List<Truth> truths = List.of(new Truth(0.95, 1.0), new Truth(0.999, 1.5), new Truth(0.9, 1.1), new Truth(0.999, 1.53));
        Selection.Outcome o = new Selection(NEED, "resource_cost", new Selection.Settings(0.95, 5, 200, Optional.of(0.005)))
                .run(truths.size(), replicator(truths, 42));
        assertThat(o.selected()).contains(1);
        assertThat(o.verdicts().get(0).status()).isEqualTo(Selection.Status.INFEASIBLE);
        assertThat(o.verdicts().get(0).results()).hasSize(5);
        assertThat(o.verdicts().get(1).results().size()).isGreaterThan(5);
        assertThat(o.spent()).isLessThan(o.fullGrid());
        assertThat(o.guaranteed()).isTrue();
    }

    @Test
    void saysSoWhenNothingMeetsTheRequirements() {
        List<Truth> truths = List.of(new Truth(0.95, 1.0), new Truth(0.9, 2.0));
        Selection.Outcome o = selection(5, 20).run(truths.size(), replicator(truths, 3));
        assertThat(o.selected()).isEmpty();
        assertThat(o.verdicts()).allMatch(v -> v.status() == Selection.Status.INFEASIBLE);
    }

    @Test
    void aCandidateOnTheBoundaryExhaustsTheBudgetWithoutAGuarantee() {
        // Exactly at the bound: neither met nor missed with confidence, however many replications.
        List<Truth> truths = List.of(new Truth(0.99, 1.0));
        Selection.Outcome o = selection(5, 15).run(truths.size(), replicator(truths, 5));
        assertThat(o.guaranteed()).isFalse();
        assertThat(o.verdicts().getFirst().results()).hasSize(15);
        assertThat(o.stop()).contains("budget");
    }

    @Test
    void aCandidateUndecidedOnARequirementNeedNotBeSettledWhenItCannotBeCheaper() {
        // Candidate 0 sits on the bound (never settled) but costs more than the feasible candidate 1.
        List<Truth> truths = List.of(new Truth(0.99, 1.5), new Truth(0.999, 1.0));
        Selection.Outcome o = selection(5, 100).run(truths.size(), replicator(truths, 8));
        assertThat(o.selected()).contains(1);
        assertThat(o.guaranteed()).isTrue();
        assertThat(o.spent()).isLessThan(2 * 100);
    }

    @Test
    void theSameSeedGivesTheSameAdvice() {
        List<Truth> truths = List.of(new Truth(0.999, 2.0), new Truth(0.995, 1.5), new Truth(0.98, 1.0));
        Selection.Outcome a = selection(5, 60).run(truths.size(), replicator(truths, 9));
        Selection.Outcome b = selection(5, 60).run(truths.size(), replicator(truths, 9));
        assertThat(a).isEqualTo(b);
    }
}
