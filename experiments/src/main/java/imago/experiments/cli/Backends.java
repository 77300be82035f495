package imago.experiments.cli;

import imago.experiments.run.Backend;
import imago.model.fault.FaultType;
import imago.model.metrics.FaultCounts;
import imago.sim.DetailedRun;
import imago.sim.InjectedFault;
import imago.sim.Simulation;
import imago.sim.SimulationInput;

import java.util.EnumMap;
import java.util.Map;

/** The backends a run can use, by their config name. */
public final class Backends {
    private Backends() {
    }

    public static Backend named(String name) {
        return switch (name) {
            case "sim" -> (e, s, plan, faults, rep) -> withFaultsByType(
                    Simulation.runDetailed(new SimulationInput(e, s, plan, faults), rep));
            case "executor" -> throw new BadInputException("--backend executor: the real executor cannot run experiments yet;"
                    + " use --backend sim");
            default -> throw new BadInputException("--backend: must be sim or executor (was '" + name + "')");
        };
    }

    /** The run's metrics with its faults split by type, for the fault-injection study. */
    static imago.model.metrics.RunResult withFaultsByType(DetailedRun run) {
        Map<FaultType, FaultCounts> byType = new EnumMap<>(FaultType.class);
        for (InjectedFault f : run.faults()) {
            FaultCounts one = new FaultCounts(1, f.reachedProduction() ? 1 : 0,
                    f.fate() == InjectedFault.Fate.CAUGHT ? 1 : 0, f.fate() == InjectedFault.Fate.ESCAPED ? 1 : 0);
            byType.merge(f.type(), one, FaultCounts::plus);
        }
        return run.result().withFaultsByType(byType);
    }
}
