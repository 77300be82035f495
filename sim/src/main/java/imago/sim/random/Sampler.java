package imago.sim.random;

import imago.model.dist.Dist;
import umontreal.ssj.randvar.LognormalGen;
import umontreal.ssj.randvar.UniformGen;
import umontreal.ssj.rng.RandomStream;

/**
 * Draws from a model {@link Dist} without allocating, by inversion of one uniform of the caller's
 * stream (so one sampler can serve any purpose): the parameters are resolved once, uniform and
 * lognormal draws are static SSJ generator calls, the exponential is inverted inline.
 */
public final class Sampler {

    private static final int CONSTANT = 0, EXPONENTIAL = 1, UNIFORM = 2, LOGNORMAL = 3;

    private final int kind;
    private final double a;
    private final double b;
    private final double mean;

    private Sampler(int kind, double a, double b, double mean) {
        this.kind = kind;
        this.a = a;
        this.b = b;
        this.mean = mean;
    }

    public static Sampler of(Dist d) {
        return switch (d) {
            case Dist.Constant c -> new Sampler(CONSTANT, c.value(), 0, c.value());
            case Dist.Exponential e -> new Sampler(EXPONENTIAL, 1.0 / e.mean(), 0, e.mean());
            case Dist.Uniform u -> new Sampler(UNIFORM, u.min(), u.max(), u.mean());
            case Dist.LogNormal l -> l.sd() == 0
                    ? new Sampler(CONSTANT, l.mean(), 0, l.mean())
                    : new Sampler(LOGNORMAL, l.mu(), l.sigma(), l.mean());
        };
    }

    /** One draw. A constant draws nothing, so it does not consume the stream. */
    public double sample(RandomStream s) {
        return switch (kind) {
            // SSJ's ExponentialGen inverts with -log1p(-u)/lambda; Math.log1p is not a JIT
            // intrinsic (a quarter of all run time went there), Math.log is: same inversion.
            case EXPONENTIAL -> -Math.log(1.0 - s.nextDouble()) / a;
            case UNIFORM -> a == b ? a : UniformGen.nextDouble(s, a, b);
            case LOGNORMAL -> LognormalGen.nextDouble(s, a, b);
            default -> a;
        };
    }

    public double mean() {
        return mean;
    }

    public boolean isConstant() {
        return kind == CONSTANT;
    }
}
