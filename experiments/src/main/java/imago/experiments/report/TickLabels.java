package imago.experiments.report;

import java.util.function.DoubleFunction;
import java.util.function.DoublePredicate;
import java.util.function.Function;

/**
 * Tick-label functions that hide some ticks (e.g. below a timeline's zero, where phase lanes
 * are drawn).
 *
 * <p>XChart 3.8.8 widens the tick spacing until all candidate labels are distinct, and loops
 * forever if they never are: two blank labels hang the rendering. So a hidden tick gets a label
 * that is distinct yet invisible: the bits of its value spelt with zero-width non-joiner and
 * joiner, which Java's fonts map to an invisible glyph of no width.
 */
final class TickLabels {

    private static final char ZERO = '\u200C';
    private static final char ONE = '\u200D';

    private TickLabels() {
    }

    /** Labels ticks where {@code shown} holds with {@code format}, and hides the others. */
    static Function<Double, String> showing(DoublePredicate shown, DoubleFunction<String> format) {
        return v -> shown.test(v) ? format.apply(v) : hidden(v);
    }

    /** A label of no width, distinct for every value. */
    static String hidden(double v) {
        String bits = Long.toBinaryString(Double.doubleToLongBits(v));
        StringBuilder b = new StringBuilder(bits.length());
        for (int i = 0; i < bits.length(); i++) {
            b.append(bits.charAt(i) == '0' ? ZERO : ONE);
        }
        return b.toString();
    }
}
