package imago.faultmodel;

import imago.faultmodel.cluster.FeatureSet;
import imago.faultmodel.learn.ReferenceUpgrade;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * How to run the pipeline.
 *
 * @param method          the method whose clusters become the fault model
 * @param k               number of clusters; empty = the best silhouette over
 *                        {@value #K_AUTO_MIN}..{@value #K_MAX} (the curve covers {@value #K_MIN}..{@value #K_MAX})
 * @param seed            seeds k-modes starts and bootstrap resampling
 * @param resamples       bootstrap resamples for cluster stability
 * @param minClusterShare smallest share of reports a hierarchical cluster may hold (see
 *                        {@link imago.faultmodel.cluster.Upgma#cut}); 0 = plain cut
 * @param features        which coded features the distance uses
 * @param reference       the upgrade the per-step probabilities are calibrated on
 */
public record Options(Method method, OptionalInt k, long seed, int resamples, double minClusterShare,
                      FeatureSet features, ReferenceUpgrade reference) {

    public static final int K_MIN = 2;
    public static final int K_MAX = 10;
    /** The smallest k that {@code auto} picks: one cluster per fault type at least. */
    public static final int K_AUTO_MIN = 4;
    public static final int DEFAULT_RESAMPLES = 100;
    /** 2%: a "type" seen in fewer reports than that is an oddity, not a type. */
    public static final double DEFAULT_MIN_CLUSTER_SHARE = 0.02;
    public static final long DEFAULT_SEED = 42;

    public Options {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(k, "k");
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(reference, "reference");
        if (k.isPresent() && k.getAsInt() < K_MIN) {
            throw new IllegalArgumentException("k: must be >= " + K_MIN + " (was " + k.getAsInt() + ")");
        }
        if (resamples < 0) {
            throw new IllegalArgumentException("resamples: must be >= 0 (was " + resamples + ")");
        }
        if (!(minClusterShare >= 0 && minClusterShare < 0.25)) {
            throw new IllegalArgumentException("minClusterShare: must be in [0, 0.25) (was " + minClusterShare + ")");
        }
    }

    /** What the CLI passes: {@code --method}, {@code --k auto|N} and a seed; the rest default. */
    public Options(Method method, OptionalInt k, long seed) {
        this(method, k, seed, DEFAULT_RESAMPLES, DEFAULT_MIN_CLUSTER_SHARE, FeatureSet.CAUSE,
                ReferenceUpgrade.threeTierInPlace());
    }

    /** UPGMA, k by silhouette, seed {@value #DEFAULT_SEED}. */
    public static Options defaults() {
        return new Options(Method.UPGMA, OptionalInt.empty(), DEFAULT_SEED);
    }

    public Options withK(int k) {
        return new Options(method, OptionalInt.of(k), seed, resamples, minClusterShare, features, reference);
    }

    public Options withMethod(Method m) {
        return new Options(m, k, seed, resamples, minClusterShare, features, reference);
    }

    public Options withSeed(long s) {
        return new Options(method, k, s, resamples, minClusterShare, features, reference);
    }

    public Options withResamples(int r) {
        return new Options(method, k, seed, r, minClusterShare, features, reference);
    }

    public Options withMinClusterShare(double share) {
        return new Options(method, k, seed, resamples, share, features, reference);
    }

    public Options withFeatures(FeatureSet f) {
        return new Options(method, k, seed, resamples, minClusterShare, f, reference);
    }
}
