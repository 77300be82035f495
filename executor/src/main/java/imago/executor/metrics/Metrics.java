package imago.executor.metrics;

import imago.executor.ingress.Ingress;
import imago.executor.ingress.Routing;
import imago.executor.load.RequestRecord;
import imago.model.metrics.Exposure;
import imago.model.metrics.RunResult;
import imago.model.metrics.TimelineBin;

import java.util.ArrayList;
import java.util.List;

/**
 * Computes the simulator's {@link RunResult} from what a real run recorded (DESIGN §3): each
 * request belongs to the 1-second bin of its send time; a failure is planned when the ingress
 * refused it on the plan's behalf (a planned outage, a read-only copy, a switch hold).
 */
public final class Metrics {

    private Metrics() {
    }

    public static RunResult compute(RunFacts f) {
        double windowS = Math.max(1e-9, (f.windowEnd() - f.windowStart()) / 1e9);
        int bins = (int) Math.ceil(windowS - 1e-9);
        int[] offered = new int[bins];
        int[] ok = new int[bins];
        int[] plannedFail = new int[bins];
        long offeredTotal = 0;
        long succeeded = 0;
        long racesError = 0;
        long racesSilent = 0;
        long unplannedFailed = 0;
        List<Double> latencies = new ArrayList<>();
        // As the simulator: requests that succeeded while the upgrade ran (first step start to last step end).
        List<Double> duringUpgrade = new ArrayList<>();
        for (RequestRecord r : f.requests()) {
            if (r.sendNanos() < f.windowStart() || r.sendNanos() >= f.windowEnd()) {
                continue;
            }
            int bin = (int) Math.min(bins - 1, (r.sendNanos() - f.windowStart()) / 1_000_000_000L);
            offered[bin]++;
            offeredTotal++;
            if (r.succeeded()) {
                ok[bin]++;
                succeeded++;
                latencies.add(r.latencyMs());
                if (r.endNanos() >= f.upgradeStart() && r.endNanos() <= f.upgradeEnd()) {
                    duringUpgrade.add(r.latencyMs());
                }
            } else if (!r.refused().isEmpty() && r.planned()) {
                plannedFail[bin]++;
            } else {
                unplannedFailed++;
            }
            if (f.countRaces() && r.isCallback() && !r.producer().isEmpty() && !r.version().isEmpty()
                    && !r.producer().equals(r.version())) {
                if (!r.succeeded()) {
                    racesError++;
                } else if (r.validations() != 1) {
                    racesSilent++;
                }
            }
        }
        double unavailable = 0;
        double planned = 0;
        List<TimelineBin> timeline = new ArrayList<>(bins);
        for (int i = 0; i < bins; i++) {
            if (offered[i] > 0) {
                unavailable += 1 - (double) ok[i] / offered[i];
                planned += (double) plannedFail[i] / offered[i];
            }
            long binEnd = f.windowStart() + (i + 1) * 1_000_000_000L;
            timeline.add(new TimelineBin(i, offered[i], ok[i], offered[i] - ok[i],
                    newShare(routingAt(f.routing(), Math.min(binEnd, f.windowEnd())), f.toVersion())));
        }
        latencies.sort(Double::compare);
        double duration = Math.max(0, (f.upgradeEnd() - f.upgradeStart()) / 1e9);
        return new RunResult(f.scenario(), f.replication(),
                offeredTotal == 0 ? 1.0 : (double) succeeded / offeredTotal,
                unavailable, planned, Math.max(0, unavailable - planned),
                duration, mixedSeconds(f), racesError, racesSilent, f.lostWrites(),
                f.faultsInjected(), f.faultsReachedProduction(), f.faultsCaught(), f.faultsEscaped(), f.outcome(),
                resourceCost(f), percentile(latencies, 0.50), percentile(latencies, 0.99),
                succeeded / windowS, offeredTotal, timeline).withUpgradeLatency(percentile(sorted(duringUpgrade), 0.99))
                .withExposure(Double.NaN, Exposure.blastRadius(unplannedFailed, racesSilent));
    }

    /** Seconds of the window in which the ingress routed new requests to both versions. */
    static double mixedSeconds(RunFacts f) {
        double total = 0;
        List<Ingress.Change> ch = f.routing();
        for (int i = 0; i < ch.size(); i++) {
            long from = Math.max(ch.get(i).nanos(), f.windowStart());
            long to = Math.min(i + 1 < ch.size() ? ch.get(i + 1).nanos() : f.windowEnd(), f.windowEnd());
            Routing r = ch.get(i).routing();
            // A canary's split at 0 or 100 sends every request to one version, whatever is in rotation.
            boolean split = r.split().map(x -> x.weight() > 0 && x.weight() < 100).orElse(true);
            if (to > from && split && r.count(f.fromVersion()) > 0 && r.count(f.toVersion()) > 0) {
                total += (to - from) / 1e9;
            }
        }
        return total;
    }

    /** Node-seconds used during the upgrade relative to the steady state's over the same time. */
    static double resourceCost(RunFacts f) {
        long span = f.upgradeEnd() - f.upgradeStart();
        if (span <= 0 || f.steadyNodes() <= 0) {
            return 1.0;
        }
        double nodeNanos = 0;
        List<long[]> n = f.nodes();
        for (int i = 0; i < n.size(); i++) {
            long from = Math.max(n.get(i)[0], f.upgradeStart());
            long to = Math.min(i + 1 < n.size() ? n.get(i + 1)[0] : f.upgradeEnd(), f.upgradeEnd());
            if (to > from) {
                nodeNanos += (double) (to - from) * n.get(i)[1];
            }
        }
        return nodeNanos / ((double) span * f.steadyNodes());
    }

    static Routing routingAt(List<Ingress.Change> changes, long at) {
        Routing r = changes.getFirst().routing();
        for (Ingress.Change c : changes) {
            if (c.nanos() <= at) {
                r = c.routing();
            }
        }
        return r;
    }

    /** The share of new traffic the new version takes: its share of the backends, or a canary's weight. */
    private static double newShare(Routing r, String toVersion) {
        if (r.active().isEmpty()) {
            return 0;
        }
        long onNew = r.count(toVersion);
        if (r.split().isPresent() && onNew > 0 && onNew < r.active().size()) {
            return r.split().get().weight() / 100.0;
        }
        return (double) onNew / r.active().size();
    }

    private static List<Double> sorted(List<Double> values) {
        values.sort(Double::compare);
        return values;
    }

    /** Nearest-rank percentile; 0 when there is no sample. */
    static double percentile(List<Double> sorted, double q) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int rank = (int) Math.ceil(q * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }
}
