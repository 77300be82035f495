package imago.experiments.advise;

import imago.model.metrics.RunResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A requirement on a run's metrics, such as {@code availability>=0.999} or
 * {@code races_error+races_silent<=0}: a sum of metrics (as named in results.csv) compared with a bound.
 * It is met when the mean over replications is on the right side of the bound with the advice's confidence.
 *
 * @param text    as the user wrote it, spaces removed
 * @param metrics the metrics summed
 * @param op      the comparison
 * @param bound   the bound
 */
public record Requirement(String text, List<String> metrics, Op op, double bound) {

    /** A comparison; strict and non-strict differ only in how a mean exactly on the bound counts. */
    public enum Op {
        AT_LEAST(">="), AT_MOST("<="), ABOVE(">"), BELOW("<");

        final String symbol;

        Op(String symbol) {
            this.symbol = symbol;
        }

        /** Whether the metric must be at least (rather than at most) the bound. */
        boolean lower() {
            return this == AT_LEAST || this == ABOVE;
        }
    }

    private static final Pattern FORM = Pattern.compile("([A-Za-z0-9_+]+)(>=|<=|>|<)(.+)");

    public Requirement {
        metrics = List.copyOf(metrics);
    }

    /**
     * Parses {@code metric[+metric...] (>=|<=|>|<) number}; throws IllegalArgumentException with a
     * message that says what is wrong.
     */
    public static Requirement parse(String raw) {
        String text = raw.replaceAll("\\s+", "");
        Matcher m = FORM.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + raw + "': expected METRIC[+METRIC...] followed by >=, <=, > or < and a number,"
                    + " e.g. availability>=0.999");
        }
        Set<String> known = known();
        List<String> metrics = new ArrayList<>();
        for (String name : m.group(1).split("\\+", -1)) {
            if (name.isEmpty()) {
                throw new IllegalArgumentException("'" + raw + "': an empty term in the sum of metrics");
            }
            if (!known.contains(name)) {
                throw new IllegalArgumentException("'" + raw + "': unknown metric '" + name + "' (expected one of "
                        + String.join(", ", known) + ")");
            }
            metrics.add(name);
        }
        double bound;
        try {
            bound = Double.parseDouble(m.group(3));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + raw + "': '" + m.group(3) + "' is not a number");
        }
        if (!Double.isFinite(bound)) {
            throw new IllegalArgumentException("'" + raw + "': the bound must be a finite number");
        }
        Op op = switch (m.group(2)) {
            case ">=" -> Op.AT_LEAST;
            case "<=" -> Op.AT_MOST;
            case ">" -> Op.ABOVE;
            default -> Op.BELOW;
        };
        return new Requirement(text, metrics, op, bound);
    }

    /** The metric names results.csv has, which requirements and objectives may use. */
    public static Set<String> known() {
        Set<String> known = new TreeSet<>();
        RunResult.METRICS.forEach(x -> known.add(x.name()));
        return known;
    }

    /** The required quantity in one run: the sum of its metrics (NaN when one is undefined in that run). */
    public double value(RunResult r) {
        double sum = 0;
        for (String name : metrics) {
            sum += of(name, r);
        }
        return sum;
    }

    /** One metric of one run, read through its accessor rather than the whole {@link RunResult#values()} map. */
    static double of(String metric, RunResult r) {
        return RunResult.metric(metric).orElseThrow().value().applyAsDouble(r);
    }

    /** Whether {@code x} is on the right side of the bound. */
    public boolean holds(double x) {
        return switch (op) {
            case AT_LEAST -> x >= bound;
            case AT_MOST -> x <= bound;
            case ABOVE -> x > bound;
            case BELOW -> x < bound;
        };
    }

    /** Whether the quantity must be at least the bound (else at most). */
    public boolean lowerBound() {
        return op.lower();
    }

    /** The same quantity, sorted, so that requirements on one quantity can be compared. */
    String quantity() {
        return String.join("+", new TreeSet<>(metrics));
    }

    /**
     * Throws IllegalArgumentException when no value can meet every requirement: two requirements on
     * the same quantity whose ranges do not overlap ({@code availability>=0.99} and {@code availability<0.9}).
     */
    public static void checkConsistent(List<Requirement> rs) {
        for (int i = 0; i < rs.size(); i++) {
            for (int j = i + 1; j < rs.size(); j++) {
                Requirement a = rs.get(i), b = rs.get(j);
                if (!a.quantity().equals(b.quantity()) || a.lowerBound() == b.lowerBound()) {
                    continue;
                }
                Requirement lo = a.lowerBound() ? a : b;
                Requirement hi = a.lowerBound() ? b : a;
                boolean empty = lo.bound > hi.bound
                        || (lo.bound == hi.bound && (lo.op == Op.ABOVE || hi.op == Op.BELOW));
                if (empty) {
                    throw new IllegalArgumentException("requirements '" + lo.text + "' and '" + hi.text
                            + "' contradict each other: no value of " + lo.quantity() + " meets both");
                }
            }
        }
    }

    @Override
    public String toString() {
        return String.join("+", metrics) + op.symbol + String.format(Locale.ROOT, "%s", bound);
    }
}
