package imago.experiments.advise;

import imago.model.experiment.AdviseSpace;
import imago.model.experiment.Arm;
import imago.model.experiment.Experiment;
import imago.model.experiment.Scenario;
import imago.model.experiment.Sweep;
import imago.model.experiment.SweepParameter;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The strategies an advice chooses among: every scenario of the config at every point of the grid
 * that applies to it. The grid is the config's {@code advise.grid}, else {@link #DEFAULT_GRID}, whose
 * values a scenario cannot take (a batch as large as its tier, say) are left out for that scenario.
 */
public final class Candidates {

    /**
     * Knob values worth comparing on most systems: small batches and surges, short to long tests,
     * thin to full replay, a canary's first weight and its analyses' threshold.
     */
    public static final List<Sweep> DEFAULT_GRID = List.of(
            new Sweep(SweepParameter.ROLLING_MAX_UNAVAILABLE, List.of(1.0, 2.0)),
            new Sweep(SweepParameter.ROLLING_MAX_SURGE, List.of(0.0, 1.0)),
            new Sweep(SweepParameter.IMAGO_TEST_DURATION, List.of(30.0, 120.0, 600.0)),
            new Sweep(SweepParameter.IMAGO_TEST_COVERAGE, List.of(0.1, 0.5, 1.0)),
            new Sweep(SweepParameter.CANARY_FIRST_WEIGHT, List.of(5.0, 10.0, 25.0)),
            new Sweep(SweepParameter.CANARY_THRESHOLD, List.of(0.01, 0.05)));

    private Candidates() {
    }

    /** The candidates of {@code e}, scenario by scenario, in grid order. */
    public static List<Arm> of(Experiment e) {
        AdviseSpace space = e.advise();
        boolean explicit = !space.grid().isEmpty();
        List<Sweep> grid = explicit ? space.grid() : DEFAULT_GRID;
        List<Arm> out = new ArrayList<>();
        for (Scenario s : e.scenarios()) {
            List<Arm> partial = List.of(new Arm(s.name(), Map.of(), e, s));
            for (Sweep sweep : grid) {
                if (!sweep.parameter().appliesTo(s)) {
                    continue;
                }
                List<Arm> next = new ArrayList<>();
                for (Arm a : partial) {
                    for (double v : sweep.values()) {
                        try {
                            next.add(sweep.parameter().apply(a, v));
                        } catch (IllegalArgumentException notForThisScenario) {
                            // the loader checked an explicit grid; a default value may not fit this system
                        }
                    }
                }
                partial = next.isEmpty() ? partial : next;
            }
            for (Arm a : partial) {
                out.add(new Arm(Arm.label(s.name(), new LinkedHashMap<>(a.point())), a.point(), a.experiment(), a.scenario()));
            }
        }
        return out;
    }
}
