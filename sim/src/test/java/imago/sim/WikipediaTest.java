package imago.sim;

import imago.model.dist.Dist;
import imago.model.experiment.Experiment;
import imago.model.fault.FaultModel;
import imago.model.metrics.Outcome;
import imago.model.metrics.RunResult;
import imago.model.plan.StepKind;
import imago.model.strategy.Strategy;
import imago.model.upgrade.SchemaChange;
import imago.model.upgrade.Upgrade;

import java.util.List;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** wikipedia-1.5.yaml reproduces the 21 h 20 min editing lock of June 2005 under in-place. */
class WikipediaTest {

    /** 05:38 UTC 27 June 2005 to 02:58 UTC 28 June 2005. */
    private static final double LOCK_S = 21 * 3600 + 20 * 60;

    private static double[] support(Dist d) {
        return switch (d) {
            case Dist.Constant c -> new double[] {c.value(), c.value()};
            case Dist.Uniform x -> new double[] {x.min(), x.max()};
            default -> throw new IllegalArgumentException("test expects bounded step times, got " + d);
        };
    }

    private final Experiment exp = Fixtures.load("wikipedia-1.5.yaml");

    @Test
    void theConfigIsCalibratedToTheLock() {
        SchemaChange s = exp.upgrade().schema().orElseThrow();
        assertThat(s.bulkSeconds()).isEqualTo(LOCK_S);
    }

    @Test
    void inPlaceIsDownForTheLockAndImagoOnlyForItsSwitchover() {
        RunResult inPlace = Simulation.run(Fixtures.input(exp, "in-place", FaultModel.none()), 0);
        RunResult imago = Simulation.run(Fixtures.input(exp, "imago", FaultModel.none()), 0);
        assertThat(inPlace.outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(imago.outcome()).isEqualTo(Outcome.SUCCESS);
        // The conversion plus the stop-to-start overheads, each within its distribution's support
        // (plus two partly available boundary bins).
        Upgrade u = exp.upgrade();
        double low = LOCK_S, high = LOCK_S + 2;
        for (StepKind k : List.of(StepKind.STOP, StepKind.INSTALL, StepKind.CONFIGURE, StepKind.START)) {
            low += support(u.stepTime(k))[0];
            high += support(u.stepTime(k))[1];
        }
        assertThat(inPlace.plannedUnavailableS()).isBetween(low - 2, high);
        double hold = ((Strategy.Imago) exp.scenario("imago").orElseThrow().strategy()).switchHoldS();
        assertThat(imago.plannedUnavailableS()).isLessThanOrEqualTo(hold + 2);
        assertThat(imago.availability()).isGreaterThan(inPlace.availability());
    }
}
