package imago.sim;

import imago.model.experiment.Experiment;
import imago.model.experiment.FaultSpec;
import imago.model.experiment.Scenario;
import imago.model.fault.FaultModel;
import imago.model.metrics.RunResult;
import imago.model.strategy.Strategy;
import imago.model.topology.Dependency;
import imago.model.topology.Topology;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dependency-tracking baseline of Middleware 2009 on three-tier: ordering the tiers by the
 * declared dependencies (app, the provider, before web) avoids the moved service location that
 * plain rolling (web first) breaks, and does not help with what it cannot see: the same move
 * behind a hidden dependency, or the hidden library shared on a host.
 */
class DependencyOrderedTest {

    private static final int REPLICATIONS = 4;

    /** three-tier with app's location moved, no async callbacks and a compatible schema, so only the move can break. */
    private static Experiment moved() {
        Experiment e = Fixtures.withoutAsync(Fixtures.withRate(Fixtures.threeTier(), 40));
        return Fixtures.withMovedLocations(Fixtures.withoutLibraries(Fixtures.compatible(e)), List.of("app"));
    }

    private static List<RunResult> runs(Experiment e, Strategy s) {
        SimulationInput in = Fixtures.input(e, new Scenario(s.kind(), s, new FaultSpec.None()), FaultModel.none());
        return IntStream.range(0, REPLICATIONS).mapToObj(r -> Simulation.run(in, r)).toList();
    }

    private static final Strategy.Rolling KNOBS = new Strategy.Rolling(1, 0, 10, 0, false);

    @Test
    void upgradingTheProviderFirstAvoidsTheDeclaredMovedLocation() {
        var rolling = Fixtures.ci(runs(moved(), KNOBS), RunResult::unplannedUnavailableS);
        var ordered = Fixtures.ci(runs(moved(), new Strategy.DependencyOrdered(KNOBS)), RunResult::unplannedUnavailableS);
        assertThat(rolling.lower()).isGreaterThan(ordered.upper());
        assertThat(ordered.upper()).isLessThan(1);
    }

    @Test
    void aHiddenLocationDependencyIsNotOrderedByAndBreaksAsUnderRolling() {
        Experiment e = moved();
        Topology t = e.topology();
        Topology hidden = new Topology(t.tiers(), t.dependencies().stream()
                .map(d -> d.from().equals("web") && d.to().equals("app")
                        ? new Dependency(d.from(), d.to(), d.kind(), true) : d).toList());
        Experiment h = new Experiment(e.name(), e.source(), hidden, e.workload(), e.upgrade(), e.scenarios(),
                e.replications(), e.seed(), e.preS(), e.postS(), e.maxSimulatedS());
        var ordered = Fixtures.ci(runs(h, new Strategy.DependencyOrdered(KNOBS)), RunResult::unplannedUnavailableS);
        var clean = Fixtures.ci(runs(moved(), new Strategy.DependencyOrdered(KNOBS)), RunResult::unplannedUnavailableS);
        assertThat(ordered.lower()).isGreaterThan(clean.upper());
    }

    @Test
    void theHiddenSharedLibraryStillBreaksIt() {
        Experiment e = Fixtures.withoutAsync(Fixtures.withRate(Fixtures.compatible(Fixtures.threeTier()), 40));
        var withLibrary = Fixtures.ci(runs(e, new Strategy.DependencyOrdered(KNOBS)), RunResult::unplannedUnavailableS);
        var without = Fixtures.ci(runs(Fixtures.withoutLibraries(e), new Strategy.DependencyOrdered(KNOBS)),
                RunResult::unplannedUnavailableS);
        assertThat(withLibrary.lower()).isGreaterThan(without.upper());
    }
}
