package imago.model.workload;

import imago.model.dist.Dist;

/**
 * Asynchronous interactions: a response carries client-side code that calls back later (AJAX), or
 * a tier queues a message for another. Each carries the version that produced it; consumed by
 * another version on an interface the upgrade changed, it is a mixed-version race.
 *
 * @param fraction         share of requests that issue one
 * @param delay            time until the callback or message is consumed (s)
 * @param interfaceName    the interface they use (matched against the upgrade's changed interfaces)
 * @param errorProbability a race is a visible error with this probability ...
 * @param silentProbability ... and silent wrong behaviour with this one (the rest is harmless)
 */
public record AsyncInteractions(double fraction, Dist delay, String interfaceName,
                                double errorProbability, double silentProbability) {

    public AsyncInteractions {
        if (errorProbability + silentProbability > 1 + 1e-12) {
            throw new IllegalArgumentException("errorProbability + silentProbability: must be <= 1 (was "
                    + (errorProbability + silentProbability) + ")");
        }
    }

    public static AsyncInteractions none() {
        return new AsyncInteractions(0, Dist.constant(0), "", 0, 0);
    }
}
