package imago.executor.load;

import imago.model.dist.Dist;

import java.util.SplittableRandom;

/** Draws from the model's distributions (the simulator uses SSJ; the executor needs only these). */
public final class Sampler {

    private Sampler() {
    }

    public static double draw(Dist d, SplittableRandom rng) {
        return switch (d) {
            case Dist.Constant c -> c.value();
            case Dist.Exponential e -> -e.mean() * Math.log(1 - rng.nextDouble());
            case Dist.Uniform u -> u.min() + (u.max() - u.min()) * rng.nextDouble();
            case Dist.LogNormal l -> Math.exp(l.mu() + l.sigma() * gaussian(rng));
        };
    }

    /** Geometric on 1, 2, ... with the given mean (1 when mean <= 1). */
    public static int geometric(double mean, SplittableRandom rng) {
        if (mean <= 1) {
            return 1;
        }
        double p = 1 / mean;
        return 1 + (int) Math.floor(Math.log(1 - rng.nextDouble()) / Math.log(1 - p));
    }

    /** Poisson with the given mean (a normal approximation above 500, where it is close). */
    public static int poisson(double mean, SplittableRandom rng) {
        if (mean <= 0) {
            return 0;
        }
        if (mean > 500) {
            return (int) Math.max(0, Math.round(mean + Math.sqrt(mean) * gaussian(rng)));
        }
        double limit = Math.exp(-mean), p = 1;
        int k = -1;
        do {
            k++;
            p *= rng.nextDouble();
        } while (p > limit);
        return k;
    }

    private static double gaussian(SplittableRandom rng) {
        double u = 1 - rng.nextDouble();
        double v = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
