package imago.experiments.report;

import imago.experiments.stats.Summary;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/** Numbers as the report prints them: four significant digits, a point for the decimals. */
public final class Numbers {

    private Numbers() {
    }

    /** E.g. {@code 0.9987}, {@code 12.35}, {@code 1.235e+06}, {@code n/a} for NaN. */
    public static String format(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        if (v == 0) {
            return "0";
        }
        double a = Math.abs(v);
        if (a >= 1e6 || a < 1e-4) {
            return String.format(Locale.ROOT, "%.3e", v);
        }
        return new BigDecimal(v).round(new MathContext(4)).stripTrailingZeros().toPlainString();
    }

    /** The mean and its 95% CI, e.g. {@code 0.9987 [0.9981, 0.9993]}; just the mean when n < 2. */
    public static String withCi(Summary s) {
        if (s.n() < 2) {
            return format(s.mean());
        }
        return format(s.mean()) + " [" + format(s.ciLow()) + ", " + format(s.ciHigh()) + "]";
    }
}
