package imago.model.experiment;

import java.util.List;
import java.util.Optional;

/**
 * What {@code imago advise} searches, from the config's {@code advise:} section: a grid of strategy
 * knobs (the same spelling as {@code sweeps:}; only strategy parameters) and the replications of its
 * stages. Empty grid: the advice's default grid.
 *
 * @param grid               knob values, applied to every scenario they apply to
 * @param initial            replications of the first stage, and added per stage
 * @param maxReplications    replications at most per candidate
 */
public record AdviseSpace(List<Sweep> grid, Optional<Integer> initial, Optional<Integer> maxReplications) {
    public AdviseSpace {
        grid = List.copyOf(grid);
    }

    /** No advise: section. */
    public static AdviseSpace defaults() {
        return new AdviseSpace(List.of(), Optional.empty(), Optional.empty());
    }
}
