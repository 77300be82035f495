package imago.experiments.cli;

import imago.experiments.run.Backend;
import imago.sim.Simulation;
import imago.sim.SimulationInput;

/** The backends a run can use, by their config name. */
public final class Backends {
    private Backends() {
    }

    public static Backend named(String name) {
        return switch (name) {
            case "sim" -> (e, s, plan, faults, rep) -> Simulation.run(new SimulationInput(e, s, plan, faults), rep);
            case "executor" -> throw new BadInputException("--backend executor: the real executor cannot run experiments yet;"
                    + " use --backend sim");
            default -> throw new BadInputException("--backend: must be sim or executor (was '" + name + "')");
        };
    }
}
