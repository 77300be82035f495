package imago.model.workload;

import imago.model.dist.Dist;

/**
 * Sessions: a client that arrives sends {@code meanRequests} requests on average (geometric), with
 * a think time between them. Asynchronous callbacks belong to the session that issued them.
 */
public record Sessions(double meanRequests, Dist thinkTime) {
    public static Sessions single() {
        return new Sessions(1, Dist.constant(0));
    }
}
