package imago.model.dist;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A probability distribution of a non-negative quantity (a duration in seconds, a delay, ...).
 * The model only describes distributions; the simulator turns them into SSJ generators, so the
 * model stays free of any simulation library.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "dist")
@JsonSubTypes({
    @JsonSubTypes.Type(value = Dist.Constant.class, name = "constant"),
    @JsonSubTypes.Type(value = Dist.Exponential.class, name = "exponential"),
    @JsonSubTypes.Type(value = Dist.Uniform.class, name = "uniform"),
    @JsonSubTypes.Type(value = Dist.LogNormal.class, name = "lognormal")
})
public sealed interface Dist permits Dist.Constant, Dist.Exponential, Dist.Uniform, Dist.LogNormal {

    /** The expected value, used for expected step durations in printed plans. */
    double mean();

    /** The name used in configs. */
    String kind();

    static Dist constant(double value) {
        return new Constant(value);
    }

    static Dist exponential(double mean) {
        return new Exponential(mean);
    }

    record Constant(double value) implements Dist {
        public Constant {
            requireNonNegative("value", value);
        }

        @Override public double mean() { return value; }
        @Override public String kind() { return "constant"; }
    }

    record Exponential(double mean) implements Dist {
        public Exponential {
            if (!(mean > 0) || Double.isInfinite(mean)) {
                throw new IllegalArgumentException("mean: must be > 0 (was " + mean + ")");
            }
        }

        @Override public String kind() { return "exponential"; }
    }

    record Uniform(double min, double max) implements Dist {
        public Uniform {
            requireNonNegative("min", min);
            requireNonNegative("max", max);
            if (max < min) {
                throw new IllegalArgumentException("max: must be >= min (was " + max + " < " + min + ")");
            }
        }

        @Override public double mean() { return (min + max) / 2; }
        @Override public String kind() { return "uniform"; }
    }

    /** Parameterised by its mean and standard deviation, which is how people know their data. */
    record LogNormal(double mean, double sd) implements Dist {
        public LogNormal {
            if (!(mean > 0) || Double.isInfinite(mean)) {
                throw new IllegalArgumentException("mean: must be > 0 (was " + mean + ")");
            }
            requireNonNegative("sd", sd);
        }

        /** mu of the underlying normal. */
        public double mu() {
            return Math.log(mean) - sigma() * sigma() / 2;
        }

        /** sigma of the underlying normal. */
        public double sigma() {
            return Math.sqrt(Math.log1p((sd * sd) / (mean * mean)));
        }

        @Override public String kind() { return "lognormal"; }
    }

    private static void requireNonNegative(String field, double v) {
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(field + ": must be >= 0 and finite (was " + v + ")");
        }
    }
}
