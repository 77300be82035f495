package imago.experiments.simvsreal;

import imago.model.plan.StepKind;
import imago.model.plan.Universe;
import imago.sim.InjectedFault;

import java.util.List;
import java.util.Map;

/**
 * What became of a run's injected fault, in terms both backends can observe. A run with several
 * faults takes the worst one's fate (the order here, last worst).
 */
enum Fate {
    /** No fault was injected. */
    NONE("no fault"),
    /** Injected but never met by traffic nor by a test (its node never served). */
    DORMANT("dormant"),
    /** Caught in the parallel universe by a test or a failing step, and repaired before the switch. */
    CAUGHT("caught before the switch"),
    /** Served production, was detected, and a recovery reversed it within the window. */
    REVERSED("detected and reversed"),
    /** Served production and was still there when the window closed. */
    REACHED_PRODUCTION("reached production");

    private final String label;

    Fate(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    private Fate worse(Fate o) {
        return o.ordinal() > ordinal() ? o : this;
    }

    /** From the simulator's record of each injected fault. */
    static Fate ofSim(List<InjectedFault> faults) {
        Fate run = NONE;
        for (InjectedFault f : faults) {
            boolean inProduction = f.universe() == Universe.PRODUCTION || f.fate() == InjectedFault.Fate.ESCAPED
                    || f.reachedProduction();
            Fate one = f.fate() == InjectedFault.Fate.CAUGHT ? CAUGHT
                    : !inProduction ? DORMANT
                    : f.detectedAtS().isPresent() && f.repairedAtS().isPresent() ? REVERSED
                    : f.reachedProduction() ? REACHED_PRODUCTION
                    : DORMANT;
            run = run.worse(one);
        }
        return run;
    }

    /**
     * From the executor's records: its fault counts in results.csv (counted by the model's rule, as
     * the simulator's) and its step log, where a recovery that reversed a fault in production is a
     * Rollback, a switch back or a repair in the serving universe.
     */
    static Fate ofReal(Map<String, Double> result, List<RunLogs.StepRow> steps) {
        if (result.getOrDefault("faults_injected", 0.0) < 1) {
            return NONE;
        }
        if (result.getOrDefault("faults_reached_production", 0.0) >= 1) {
            return steps.stream().anyMatch(Fate::reverses) ? REVERSED : REACHED_PRODUCTION;
        }
        return result.getOrDefault("faults_caught", 0.0) >= 1 ? CAUGHT : DORMANT;
    }

    /** A step of the executor's recovery that undid a fault in the serving universe (RecoveryRunner's log lines). */
    static boolean reverses(RunLogs.StepRow s) {
        return s.kind() == StepKind.ROLLBACK || s.detail().startsWith("switched back to")
                || s.detail().startsWith("repaired in the serving universe");
    }

    /**
     * The share of (real run, simulated run) pairs whose fates agree: with every real run ending
     * alike, the share of simulated runs that end that way too.
     */
    static double agreement(Map<Fate, Integer> real, Map<Fate, Integer> sim) {
        int nr = real.values().stream().mapToInt(Integer::intValue).sum();
        int ns = sim.values().stream().mapToInt(Integer::intValue).sum();
        if (nr == 0 || ns == 0) {
            return Double.NaN;
        }
        double sum = 0;
        for (Map.Entry<Fate, Integer> e : real.entrySet()) {
            sum += (double) e.getValue() / nr * sim.getOrDefault(e.getKey(), 0) / ns;
        }
        return sum;
    }

    /** Counts as text, most frequent first: "caught before the switch 9/10, reached production 1/10". */
    static String describe(Map<Fate, Integer> counts) {
        int n = counts.values().stream().mapToInt(Integer::intValue).sum();
        return counts.entrySet().stream().filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<Fate, Integer>comparingByValue().reversed())
                .map(e -> e.getKey().label() + " " + e.getValue() + "/" + n)
                .collect(java.util.stream.Collectors.joining(", "));
    }
}
