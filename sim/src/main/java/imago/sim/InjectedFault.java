package imago.sim;

import imago.model.fault.FaultType;
import imago.model.plan.StepKind;
import imago.model.plan.Universe;

import java.util.OptionalDouble;

/**
 * One fault the fault model injected during a run, and what became of it. Times are seconds from
 * the start of the observation window.
 *
 * @param type        the fault type
 * @param stepNumber  the plan step that introduced it (recovery steps number past the plan's end)
 * @param stepKind    that step's kind
 * @param universe    the universe the step acted on
 * @param target      the node it broke; empty when a step without targets had none to break
 * @param injectedAtS when the step execution that introduced it ended
 * @param fate        what became of it
 * @param activatedAtS when it started failing live requests
 * @param detectedAtS  when it was detected
 * @param repairedAtS  when it stopped failing requests (repaired, rolled back, or caught in test)
 */
public record InjectedFault(FaultType type, int stepNumber, StepKind stepKind, Universe universe, String target,
                            double injectedAtS, Fate fate, OptionalDouble activatedAtS, OptionalDouble detectedAtS,
                            OptionalDouble repairedAtS) {

    public enum Fate {
        /** Caught by a runtime test in the parallel universe and repaired before the switch. */
        CAUGHT,
        /** Missed in the parallel universe (by the test, or with no test at all) and switched live. */
        ESCAPED,
        /** Introduced into production directly (in-place, rolling) and hit live traffic. */
        REACHED_PRODUCTION,
        /** Never hit live traffic: its node never served again, or its universe never went live. */
        DORMANT
    }

    /** True when it hit live traffic (counted in {@code faultsReachedProduction}). */
    public boolean reachedProduction() {
        return activatedAtS.isPresent();
    }
}
