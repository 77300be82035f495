package imago.model.experiment;

import imago.model.fault.FaultInjection;
import imago.model.strategy.Strategy;

import java.util.List;

/**
 * One arm of an experiment: a strategy with its parameters and fault settings.
 *
 * @param faults    the fault model faults are drawn from
 * @param injected  faults given in the config ({@code fault:}), injected at their step every run
 */
public record Scenario(String name, Strategy strategy, FaultSpec faults, List<FaultInjection> injected) {

    public Scenario {
        injected = List.copyOf(injected);
    }

    /** A scenario without given faults. */
    public Scenario(String name, Strategy strategy, FaultSpec faults) {
        this(name, strategy, faults, List.of());
    }

    public Scenario withStrategy(Strategy s) {
        return new Scenario(name, s, faults, injected);
    }
}
