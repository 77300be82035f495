package imago.experiments.simvsreal;

import imago.model.experiment.Experiment;
import imago.model.experiment.Scenario;
import imago.model.fault.FaultType;

import java.util.ArrayList;
import java.util.List;

/**
 * The scenarios of a smoke run ({@code --quick}): every fault-free one, and one scenario per type
 * of given fault, taking the type's scenarios in turn (the first type's first, the second type's
 * second, ...) so that the faults meet different strategies. Real runs take the whole machine for
 * seconds each, so the smoke run keeps to these.
 */
public final class QuickSelection {

    private QuickSelection() {
    }

    public static List<Scenario> of(Experiment e) {
        List<Scenario> out = new ArrayList<>(e.scenarios().stream().filter(s -> s.injected().isEmpty()).toList());
        int turn = 0;
        for (FaultType t : FaultType.values()) {
            List<Scenario> ofType = e.scenarios().stream()
                    .filter(s -> !s.injected().isEmpty() && s.injected().getFirst().type() == t).toList();
            if (!ofType.isEmpty()) {
                out.add(ofType.get(turn % ofType.size()));
                turn++;
            }
        }
        // In the file's order, as a full run lists them.
        return e.scenarios().stream().filter(out::contains).toList();
    }
}
