package imago.model.experiment;

import imago.model.strategy.Strategy;

/** One arm of an experiment: a strategy with its parameters and fault settings. */
public record Scenario(String name, Strategy strategy, FaultSpec faults) {
}
