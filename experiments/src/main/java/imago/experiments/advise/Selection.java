package imago.experiments.advise;

import imago.model.metrics.RunResult;
import org.apache.commons.math3.distribution.TDistribution;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Ranking and selection by sequential elimination with paired comparisons. Every candidate runs the
 * same replications (common random numbers: replication r of every candidate sees the same random
 * streams), in stages. After each stage a candidate is
 * <ul>
 *   <li>dropped as <em>infeasible</em> when a one-sided confidence bound shows a requirement is missed;</li>
 *   <li>confirmed <em>feasible</em> when the bounds show every requirement met;</li>
 *   <li>dropped as <em>worse</em> when a paired one-sided bound shows its objective above that of a
 *       confirmed feasible candidate.</li>
 * </ul>
 * It stops when one candidate remains and is feasible, when no remaining candidate can be lower than
 * the best feasible one by more than the indifference zone (whether or not its requirements are
 * settled yet), or at the replication budget. The error budget
 * {@code 1 - confidence} is split in two halves, Bonferroni over candidates x requirements and over
 * the comparisons, so a selection made before the budget ran out is correct (feasible, and best or
 * within the indifference zone of the best) with probability at least {@code confidence}.
 */
public final class Selection {

    /** Runs replications {@code [from, to)} of the given candidates; results in the order of {@code candidates}, each in replication order. */
    @FunctionalInterface
    public interface Replicator {
        List<List<RunResult>> run(List<Integer> candidates, int from, int to);
    }

    /** How the search is set. */
    public record Settings(double confidence, int initial, int max, Optional<Double> indifference) {
        public Settings {
            if (!(confidence > 0.5 && confidence < 1)) {
                throw new IllegalArgumentException("confidence must be in (0.5, 1), was " + confidence);
            }
            if (initial < 2 || max < initial) {
                throw new IllegalArgumentException("need 2 <= initial replications <= max, was " + initial + " and " + max);
            }
        }
    }

    public enum Status { SELECTED, FEASIBLE, UNDECIDED, INFEASIBLE, WORSE }

    /** A candidate's fate and what it cost. */
    public record Verdict(Status status, String reason, List<RunResult> results) {
        public Verdict {
            results = List.copyOf(results);
        }
    }

    /**
     * @param verdicts   per candidate, in input order
     * @param selected   the recommended candidate's index, when one meets the requirements
     * @param guaranteed whether the selection carries the probability of correct selection (it stopped before the budget)
     * @param stop       why the search stopped
     * @param spent      replications run, all candidates together
     * @param fullGrid   replications the whole grid would take at the selection's final replication count
     */
    public record Outcome(List<Verdict> verdicts, Optional<Integer> selected, boolean guaranteed, String stop,
                          int spent, int fullGrid) {
        public Outcome {
            verdicts = List.copyOf(verdicts);
        }
    }

    private final List<Requirement> requirements;
    private final String objective;
    private final Settings settings;

    public Selection(List<Requirement> requirements, String objective, Settings settings) {
        this.requirements = List.copyOf(requirements);
        this.objective = objective;
        this.settings = settings;
    }

    public Outcome run(int candidates, Replicator replicator) {
        if (candidates < 1) {
            throw new IllegalArgumentException("no candidate to choose from");
        }
        double alpha = 1 - settings.confidence();
        double aReq = alpha / 2 / (candidates * Math.max(1, requirements.size()));
        double aCmp = alpha / 2 / Math.max(1, candidates - 1);
        List<List<RunResult>> results = new ArrayList<>();
        Status[] status = new Status[candidates];
        String[] reason = new String[candidates];
        for (int i = 0; i < candidates; i++) {
            results.add(new ArrayList<>());
            status[i] = Status.UNDECIDED;
            reason[i] = "";
        }
        int n = 0;
        int next = settings.initial();
        int spent = 0;
        while (true) {
            List<Integer> alive = alive(status);
            List<List<RunResult>> batch = replicator.run(alive, n, next);
            for (int k = 0; k < alive.size(); k++) {
                results.get(alive.get(k)).addAll(batch.get(k));
                spent += batch.get(k).size();
            }
            n = next;
            for (int i : alive) {
                judgeRequirements(i, results.get(i), aReq, status, reason);
            }
            eliminateWorse(results, aCmp, status, reason);
            alive = alive(status);
            if (alive.isEmpty()) {
                return outcome(results, status, reason, Optional.empty(), false,
                        "every candidate misses a requirement", spent, n, candidates);
            }
            List<Integer> feasible = alive.stream().filter(i -> status[i] == Status.FEASIBLE).toList();
            if (!feasible.isEmpty()) {
                int best = best(feasible, results);
                if (alive.size() == 1) {
                    return outcome(results, status, reason, Optional.of(best), true,
                            "one feasible candidate left after " + n + " replications", spent, n, candidates);
                }
                // Candidates still undecided on a requirement need not be settled when none can beat the best by more than the zone.
                double delta = indifference(results.get(best));
                if (noneBetterBeyond(best, alive, results, delta, aCmp)) {
                    return outcome(results, status, reason, Optional.of(best), true, String.format(Locale.ROOT,
                            "%d candidates left after %d replications, none lower than the best on %s by more than %s",
                            alive.size(), n, objective, fmt(delta)), spent, n, candidates);
                }
            }
            if (n >= settings.max()) {
                Optional<Integer> pick = feasible.isEmpty() ? Optional.empty() : Optional.of(best(feasible, results));
                return outcome(results, status, reason, pick, false,
                        "replication budget (" + settings.max() + ") spent with " + alive.size() + " candidates undecided",
                        spent, n, candidates);
            }
            next = Math.min(settings.max(), n + settings.initial());
        }
    }

    private void judgeRequirements(int i, List<RunResult> rs, double a, Status[] status, String[] reason) {
        status[i] = Status.UNDECIDED; // more replications may move a bound back across a requirement
        reason[i] = "";
        boolean all = true;
        for (Requirement q : requirements) {
            double[] v = rs.stream().mapToDouble(q::value).filter(Double::isFinite).toArray();
            if (v.length < 2) {
                all = false;
                continue;
            }
            double[] b = bounds(v, a);
            double mean = mean(v);
            boolean missed = q.lowerBound() ? !q.holds(b[1]) : !q.holds(b[0]);
            boolean met = q.lowerBound() ? q.holds(b[0]) : q.holds(b[1]);
            if (missed) {
                status[i] = Status.INFEASIBLE;
                reason[i] = String.format(Locale.ROOT, "misses %s: mean %s, one-sided bound %s", q.text(), fmt(mean),
                        fmt(q.lowerBound() ? b[1] : b[0]));
                return;
            }
            all &= met;
        }
        if (all) {
            status[i] = Status.FEASIBLE;
            reason[i] = "meets every requirement";
        }
    }

    private void eliminateWorse(List<List<RunResult>> results, double a, Status[] status, String[] reason) {
        List<Integer> feasible = new ArrayList<>();
        for (int j = 0; j < status.length; j++) {
            if (status[j] == Status.FEASIBLE) {
                feasible.add(j);
            }
        }
        for (int i : alive(status)) {
            for (int j : feasible) {
                if (i == j || status[j] != Status.FEASIBLE) {
                    continue;
                }
                double[] d = differences(results.get(i), results.get(j));
                if (d.length >= 2 && bounds(d, a)[0] > 0) {
                    status[i] = Status.WORSE;
                    reason[i] = String.format(Locale.ROOT, "%s higher than candidate %d's by %s (paired, one-sided bound %s)",
                            objective, j + 1, fmt(mean(d)), fmt(bounds(d, a)[0]));
                    break;
                }
            }
        }
    }

    /** Whether, for every other candidate, the paired bound shows the best's objective at most {@code delta} above it. */
    private boolean noneBetterBeyond(int best, List<Integer> alive, List<List<RunResult>> results, double delta, double a) {
        for (int i : alive) {
            if (i != best) {
                double[] d = differences(results.get(best), results.get(i));
                if (d.length < 2 || bounds(d, a)[1] > delta) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The indifference zone: as set, else 1% of the best mean's magnitude (a difference nobody would pay for). */
    private double indifference(List<RunResult> best) {
        return settings.indifference().orElseGet(() -> 0.01 * Math.abs(mean(objectiveValues(best))));
    }

    private int best(List<Integer> among, List<List<RunResult>> results) {
        int best = among.getFirst();
        for (int i : among) {
            if (mean(objectiveValues(results.get(i))) < mean(objectiveValues(results.get(best)))) {
                best = i;
            }
        }
        return best;
    }

    private double objective(RunResult r) {
        return Requirement.of(objective, r);
    }

    private double[] objectiveValues(List<RunResult> rs) {
        return rs.stream().mapToDouble(this::objective).filter(Double::isFinite).toArray();
    }

    /** Paired differences of the objective, replication by replication (the same random numbers). */
    private double[] differences(List<RunResult> a, List<RunResult> b) {
        int n = Math.min(a.size(), b.size());
        double[] d = new double[n];
        int k = 0;
        for (int r = 0; r < n; r++) {
            double x = objective(a.get(r)) - objective(b.get(r));
            if (Double.isFinite(x)) {
                d[k++] = x;
            }
        }
        return java.util.Arrays.copyOf(d, k);
    }

    private Outcome outcome(List<List<RunResult>> results, Status[] status, String[] reason, Optional<Integer> selected,
                            boolean guaranteed, String stop, int spent, int n, int candidates) {
        List<Verdict> vs = new ArrayList<>();
        for (int i = 0; i < status.length; i++) {
            Status s = selected.isPresent() && selected.get() == i ? Status.SELECTED : status[i];
            vs.add(new Verdict(s, s == Status.SELECTED ? "meets every requirement, lowest " + objective : reason[i], results.get(i)));
        }
        return new Outcome(vs, selected, guaranteed, stop, spent, candidates * n);
    }

    private static List<Integer> alive(Status[] status) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < status.length; i++) {
            if (status[i] == Status.UNDECIDED || status[i] == Status.FEASIBLE) {
                out.add(i);
            }
        }
        return out;
    }

    /** One-sided lower and upper confidence bounds of the mean at level {@code 1 - a} (Student t). */
    static double[] bounds(double[] v, double a) {
        double mean = mean(v);
        double ss = 0;
        for (double x : v) {
            ss += (x - mean) * (x - mean);
        }
        double half = new TDistribution(v.length - 1).inverseCumulativeProbability(1 - a) * Math.sqrt(ss / (v.length - 1) / v.length);
        return new double[]{mean - half, mean + half};
    }

    static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return v.length == 0 ? Double.NaN : s / v.length;
    }

    private static String fmt(double v) {
        return imago.experiments.report.Numbers.format(v);
    }
}
