package imago.sim;

import imago.model.experiment.Experiment;
import imago.model.fault.FaultModel;
import imago.model.metrics.Outcome;
import imago.model.metrics.RunResult;
import imago.model.metrics.TimelineBin;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

/** The metrics agree with their definitions (DESIGN §3) and with the timeline they come from. */
class MetricsConsistencyTest {

    @Test
    void metricsFollowFromTheTimeline() {
        Experiment e = Fixtures.withRate(Fixtures.threeTier(), 40);
        for (String s : List.of("in-place", "rolling", "blue-green", "imago")) {
            RunResult r = Simulation.run(Fixtures.input(e, s, FaultModel.handWritten()), 3);
            List<TimelineBin> bins = r.timeline();
            long offered = bins.stream().mapToLong(TimelineBin::offered).sum();
            long ok = bins.stream().mapToLong(TimelineBin::succeeded).sum();
            double unavailable = bins.stream().mapToDouble(b -> 1 - b.successRatio()).sum();
            assertThat(bins).allSatisfy(b -> {
                assertThat(b.succeeded() + b.failed()).isEqualTo(b.offered());
                assertThat(b.newVersionShare()).isBetween(0.0, 1.0);
            });
            for (int i = 0; i < bins.size(); i++) {
                assertThat(bins.get(i).second()).isEqualTo(i);
            }
            assertThat(r.offered()).isEqualTo(offered);
            assertThat(r.availability()).isCloseTo((double) ok / offered, offset(1e-12));
            assertThat(r.unavailableS()).isCloseTo(unavailable, offset(1e-6));
            assertThat(r.plannedUnavailableS() + r.unplannedUnavailableS()).isCloseTo(r.unavailableS(), offset(1e-6));
            assertThat(r.throughput()).isCloseTo(ok / (e.preS() + r.upgradeDurationS() + e.postS()), offset(1e-6 * ok));
            assertThat(bins).hasSize((int) Math.ceil(e.preS() + r.upgradeDurationS() + e.postS() - 1e-9));
            assertThat(r.p50LatencyMs()).isPositive().isLessThanOrEqualTo(r.p99LatencyMs());
            assertThat(r.mixedVersionS()).isBetween(0.0, (double) bins.size());
            assertThat(bins.getFirst().newVersionShare()).isZero();
        }
    }

    @Test
    void anUpgradeEndsOnTheVersionItsOutcomeSays() {
        // Without faults the monitor may still roll back a new version that fails (rolling on
        // unconverted rows): then production ends on the old version.
        Experiment e = Fixtures.withRate(Fixtures.threeTier(), 20);
        for (String s : List.of("in-place", "rolling", "blue-green", "imago")) {
            RunResult r = Simulation.run(Fixtures.input(e, s, FaultModel.none()), 0);
            assertThat(r.outcome()).as(s).isIn(Outcome.SUCCESS, Outcome.ROLLED_BACK);
            assertThat(r.timeline().getLast().newVersionShare()).as(s).isEqualTo(r.outcome() == Outcome.SUCCESS ? 1.0 : 0.0);
        }
    }
}
