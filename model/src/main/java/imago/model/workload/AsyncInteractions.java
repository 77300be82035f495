package imago.model.workload;

import imago.model.dist.Dist;

import java.util.List;

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
 * @param from             the request types whose answers issue one, when only some do (a placed
 *                         bid's confirmation): {@code fraction} stays the share of all requests,
 *                         so each of these issues one with probability fraction / their weight
 *                         share; empty: every type
 * @param tables           the schema change's tables a callback uses, when it uses data (the
 *                         confirmation's SQL); empty: none, the callback stops at its interface
 * @param cost             the work a callback asks of each tier on its path against the average
 *                         request's, as {@link RequestType#cost()}
 */
public record AsyncInteractions(double fraction, Dist delay, String interfaceName,
                                double errorProbability, double silentProbability, List<String> from,
                                List<String> tables, double cost) {

    /** Callbacks of the average request's cost. */
    public AsyncInteractions(double fraction, Dist delay, String interfaceName, double errorProbability,
                             double silentProbability, List<String> from, List<String> tables) {
        this(fraction, delay, interfaceName, errorProbability, silentProbability, from, tables, 1);
    }

    /** Issued by every request type, without data. */
    public AsyncInteractions(double fraction, Dist delay, String interfaceName,
                             double errorProbability, double silentProbability) {
        this(fraction, delay, interfaceName, errorProbability, silentProbability, List.of(), List.of());
    }

    public AsyncInteractions {
        from = List.copyOf(from);
        tables = List.copyOf(tables);
        if (!(cost > 0) || Double.isInfinite(cost)) {
            throw new IllegalArgumentException("cost: must be a positive number (was " + cost + ")");
        }
        if (errorProbability + silentProbability > 1 + 1e-12) {
            throw new IllegalArgumentException("errorProbability + silentProbability: must be <= 1 (was "
                    + (errorProbability + silentProbability) + ")");
        }
    }

    public static AsyncInteractions none() {
        return new AsyncInteractions(0, Dist.constant(0), "", 0, 0);
    }

    /** The same interactions issued by a share {@code f} of requests. */
    public AsyncInteractions withFraction(double f) {
        return new AsyncInteractions(f, delay, interfaceName, errorProbability, silentProbability, from, tables, cost);
    }

    /** The same interactions, their callbacks asking {@code c} times the average request's work. */
    public AsyncInteractions withCost(double c) {
        return new AsyncInteractions(fraction, delay, interfaceName, errorProbability, silentProbability, from, tables, c);
    }
}
