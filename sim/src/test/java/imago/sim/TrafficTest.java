package imago.sim;

import imago.model.experiment.Experiment;
import imago.model.experiment.Scenario;
import imago.model.fault.FaultModel;
import imago.model.metrics.RunResult;
import imago.model.metrics.TimelineBin;
import imago.model.plan.Plan;
import imago.model.workload.Arrivals;
import imago.model.workload.Sessions;
import imago.model.workload.Workload;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The offered load is the configured one: sessions times their mean length, over time. */
class TrafficTest {

    /** No upgrade (an empty plan), a window of {@code seconds}, the given workload. */
    private static RunResult steady(Workload w, double seconds) {
        Experiment base = Fixtures.withWorkload(Fixtures.threeTier(), w);
        Experiment e = new Experiment(base.name(), base.source(), base.topology(), w, base.upgrade(), base.scenarios(),
                base.replications(), base.seed(), 0, seconds, base.maxSimulatedS());
        Scenario s = e.scenario("in-place").orElseThrow();
        return Simulation.run(new SimulationInput(e, s, new Plan(s.name(), s.strategy(), List.of()), FaultModel.none()), 0);
    }

    private static double[] offered(List<TimelineBin> bins) {
        return bins.stream().mapToDouble(TimelineBin::offered).toArray();
    }

    @Test
    void sessionsOfGeometricLengthOfferTheConfiguredRate() {
        Workload w = Fixtures.withoutAsync(Fixtures.threeTier()).workload();
        double rate = w.arrivals().meanRate(0);
        RunResult r = steady(w, 1200);
        // Sessions correlate neighbouring seconds, so the interval is over batch means of 60 s,
        // much longer than a session's life.
        double[] perSecond = offered(r.timeline());
        double[] batches = new double[perSecond.length / 60];
        for (int b = 0; b < batches.length; b++) {
            for (int i = 0; i < 60; i++) {
                batches[b] += perSecond[b * 60 + i] / 60;
            }
        }
        var mean = Fixtures.ci(batches);
        assertThat(rate).isBetween(mean.lower(), mean.upper());
        assertThat(r.availability()).isEqualTo(1.0);
    }

    @Test
    void aRateProfileIsFollowed() {
        Workload base = Fixtures.withoutAsync(Fixtures.threeTier()).workload();
        Arrivals profile = new Arrivals.Profile(List.of(new Arrivals.RatePoint(0, 50), new Arrivals.RatePoint(300, 150)));
        // One request per session, so the rate changes at once rather than over a session's life,
        // and seconds are independent (Poisson counts).
        Workload w = new Workload(profile, Sessions.single(), base.mix(), base.async(), base.timeoutS());
        List<TimelineBin> bins = steady(w, 600).timeline();
        var low = Fixtures.ci(offered(bins.subList(0, 300)));
        var high = Fixtures.ci(offered(bins.subList(300, 600)));
        assertThat(50.0).isBetween(low.lower(), low.upper());
        assertThat(150.0).isBetween(high.lower(), high.upper());
    }
}
