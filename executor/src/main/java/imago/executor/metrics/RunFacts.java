package imago.executor.metrics;

import imago.executor.ingress.Ingress;
import imago.executor.load.RequestRecord;
import imago.model.metrics.Outcome;

import java.util.List;

/**
 * Everything measured in one run that the metrics are computed from. Times are
 * {@link System#nanoTime()} values.
 *
 * @param requests      every request the load generator recorded
 * @param windowStart   the observation window's start
 * @param windowEnd     its end
 * @param upgradeStart  the first step's start
 * @param upgradeEnd    the last step's end (a rollback included)
 * @param routing       every routing table of the ingress with the time it took effect
 * @param nodes         running-node counts over time: {time, count}
 * @param steadyNodes   nodes of the system in steady state
 * @param countRaces    whether the async interface is one the upgrade changed
 */
public record RunFacts(String scenario, int replication, String fromVersion, String toVersion,
                       List<RequestRecord> requests, long windowStart, long windowEnd, long upgradeStart,
                       long upgradeEnd, List<Ingress.Change> routing, List<long[]> nodes, int steadyNodes,
                       boolean countRaces, long lostWrites, int faultsInjected, int faultsReachedProduction,
                       int faultsCaught, int faultsEscaped, Outcome outcome) {

    public RunFacts {
        requests = List.copyOf(requests);
        routing = List.copyOf(routing);
        nodes = List.copyOf(nodes);
    }
}
