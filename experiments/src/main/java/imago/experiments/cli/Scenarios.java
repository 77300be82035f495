package imago.experiments.cli;

import imago.model.experiment.Experiment;
import imago.model.experiment.Scenario;

import java.util.List;

final class Scenarios {
    private Scenarios() {
    }

    /** All scenarios, or the one named; an unknown name is bad input listing the known ones. */
    static List<Scenario> select(Experiment e, String name) {
        if (name == null) {
            return e.scenarios();
        }
        return List.of(e.scenario(name).orElseThrow(() -> new BadInputException(e.source() + ": no scenario named '"
                + name + "' (has " + String.join(", ", e.scenarios().stream().map(Scenario::name).toList()) + ")")));
    }
}
