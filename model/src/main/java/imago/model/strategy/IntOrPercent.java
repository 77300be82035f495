package imago.model.strategy;

/**
 * A rolling knob as Kubernetes writes it (its {@code IntOrString}): a count of nodes, or a
 * percentage of the tier's replicas written {@code "25%"}.
 */
public sealed interface IntOrPercent permits IntOrPercent.Count, IntOrPercent.Percent {

    /** The value in nodes out of {@code total}, rounded up or down (Kubernetes' {@code GetScaledValueFromIntOrPercent}). */
    int scaled(int total, boolean roundUp);

    /** The number written, a count or a percentage (what "is it 0" and "over 100%" look at). */
    int value();

    record Count(int value) implements IntOrPercent {
        public Count {
            if (value < 0) {
                throw new IllegalArgumentException("must not be negative (was " + value + ")");
            }
        }

        @Override
        public int scaled(int total, boolean roundUp) {
            return value;
        }

        @Override
        public String toString() {
            return Integer.toString(value);
        }
    }

    record Percent(int value) implements IntOrPercent {
        public Percent {
            if (value < 0) {
                throw new IllegalArgumentException("must not be negative (was " + value + "%)");
            }
        }

        @Override
        public int scaled(int total, boolean roundUp) {
            long product = (long) value * total;
            return (int) (roundUp ? (product + 99) / 100 : product / 100);
        }

        @Override
        public String toString() {
            return value + "%";
        }
    }

    static IntOrPercent count(int n) {
        return new Count(n);
    }

    /**
     * A string knob: a percentage such as {@code "25%"}. As in Kubernetes, a string without
     * {@code %} is not a count ({@code "5"} is refused: write {@code 5}), and what precedes the
     * {@code %} must be a whole number.
     *
     * @throws IllegalArgumentException with a message fit for a located config error
     */
    static IntOrPercent parse(String text) {
        String t = text.strip();
        if (!t.endsWith("%")) {
            throw new IllegalArgumentException("a string must be a percentage such as \"25%\" (was \"" + text
                    + "\"; write a count without quotes)");
        }
        String digits = t.substring(0, t.length() - 1);
        if (digits.isEmpty() || !digits.chars().allMatch(Character::isDigit) || digits.length() > 9) {
            throw new IllegalArgumentException("a percentage must be a whole number followed by % (was \"" + text + "\")");
        }
        return new Percent(Integer.parseInt(digits));
    }
}
