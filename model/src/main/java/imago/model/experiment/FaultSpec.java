package imago.model.experiment;

import imago.model.fault.FaultModel;

import java.util.Optional;

/** Where a scenario's faults come from; the experiments module resolves it to a {@link FaultModel}. */
public sealed interface FaultSpec permits FaultSpec.None, FaultSpec.Default, FaultSpec.Learned, FaultSpec.Given,
        FaultSpec.Scaled {

    /** No fault is injected. */
    record None() implements FaultSpec {
    }

    /** The hand-written default model ({@link FaultModel#handWritten()}). */
    record Default() implements FaultSpec {
    }

    /** A model learned from the data set: read from {@code path} when given, else computed. */
    record Learned(Optional<String> path) implements FaultSpec {
    }

    /** A model written in the config, or read from a {@code fault-model.json}. */
    record Given(FaultModel model) implements FaultSpec {
    }

    /**
     * Another spec with every step probability multiplied by {@code factor} (capped so a step's
     * probabilities sum to at most 1): a fault-injection campaign's way to see more faults per run
     * while keeping the model's proportions between types and steps.
     */
    record Scaled(FaultSpec base, double factor) implements FaultSpec {
        public Scaled {
            if (!(factor > 0) || Double.isInfinite(factor)) {
                throw new IllegalArgumentException("scale: must be > 0 (was " + factor + ")");
            }
        }
    }
}
