package imago.model.metrics;

import imago.model.fault.FaultType;

import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The metrics of one run (one scenario, one replication), defined once (DESIGN §3) and computed
 * identically by the simulator and the executor.
 *
 * @param scenario                scenario name
 * @param replication             replication index, from 0
 * @param availability            successful / offered requests in the window
 * @param unavailableS            sum over 1-s bins of (1 - success ratio)
 * @param plannedUnavailableS     the part of it the plan caused on purpose
 * @param unplannedUnavailableS   the part caused by faults and broken dependencies
 * @param upgradeDurationS        first step start to last step end
 * @param mixedVersionS           time with both versions serving
 * @param racesError              mixed-version races that failed visibly
 * @param racesSilent             mixed-version races that behaved wrongly without failing
 * @param lostWrites              acknowledged writes absent from the data afterwards
 * @param faultsInjected          faults injected
 * @param faultsReachedProduction faults that hit live traffic (in place, or escaped past a switch)
 * @param faultsCaught            faults caught before the switch (by a runtime test)
 * @param faultsEscaped           faults in a parallel universe that the runtime test missed
 * @param outcome                 how the run ended
 * @param resourceCost            node-seconds used during the upgrade / steady-state node-seconds
 * @param p50LatencyMs            median latency of successful requests in the window
 * @param p99LatencyMs            99th percentile latency of successful requests in the window
 * @param throughput              successful requests per second in the window
 * @param offered                 requests offered in the window
 * @param timeline                per-second bins of the window, for charts
 * @param faultsByType            the fault counts split by fault type (types without faults absent)
 * @param p99UpgradeLatencyMs     99th percentile latency of successful requests while the upgrade ran
 *                                (first step start to last step end); 0 without any
 * @param progressDeadlineExceeded a rollout went longer than its progress deadline without progress
 * @param timeToDetectS           seconds from a fault reaching production to the monitor's detection of it,
 *                                averaged over the faults it detected; NaN when it detected none ({@link Exposure})
 * @param blastRadius             production requests that failed or were answered wrongly because of a fault
 *                                or a new-version breakage ({@link Exposure})
 */
public record RunResult(
        String scenario,
        int replication,
        double availability,
        double unavailableS,
        double plannedUnavailableS,
        double unplannedUnavailableS,
        double upgradeDurationS,
        double mixedVersionS,
        long racesError,
        long racesSilent,
        long lostWrites,
        int faultsInjected,
        int faultsReachedProduction,
        int faultsCaught,
        int faultsEscaped,
        Outcome outcome,
        double resourceCost,
        double p50LatencyMs,
        double p99LatencyMs,
        double throughput,
        long offered,
        List<TimelineBin> timeline,
        Map<FaultType, FaultCounts> faultsByType,
        double p99UpgradeLatencyMs,
        boolean progressDeadlineExceeded,
        double timeToDetectS,
        long blastRadius) {

    public RunResult {
        timeline = List.copyOf(timeline);
        faultsByType = Map.copyOf(faultsByType);
    }

    /**
     * A result with the metrics every backend has measured from the start; the later ones take
     * their neutral values (no upgrade latency, deadline kept, no detection, nothing harmed) until
     * set with their withers.
     */
    public RunResult(String scenario, int replication, double availability, double unavailableS,
                     double plannedUnavailableS, double unplannedUnavailableS, double upgradeDurationS,
                     double mixedVersionS, long racesError, long racesSilent, long lostWrites, int faultsInjected,
                     int faultsReachedProduction, int faultsCaught, int faultsEscaped, Outcome outcome,
                     double resourceCost, double p50LatencyMs, double p99LatencyMs, double throughput, long offered,
                     List<TimelineBin> timeline,
                     Map<FaultType, FaultCounts> faultsByType) {
        this(scenario, replication, availability, unavailableS, plannedUnavailableS, unplannedUnavailableS,
                upgradeDurationS, mixedVersionS, racesError, racesSilent, lostWrites, faultsInjected,
                faultsReachedProduction, faultsCaught, faultsEscaped, outcome, resourceCost, p50LatencyMs, p99LatencyMs,
                throughput, offered, timeline, faultsByType, 0, false, Double.NaN, 0);
    }

    /** A result without the per-type split of its faults. */
    public RunResult(String scenario, int replication, double availability, double unavailableS,
                     double plannedUnavailableS, double unplannedUnavailableS, double upgradeDurationS,
                     double mixedVersionS, long racesError, long racesSilent, long lostWrites, int faultsInjected,
                     int faultsReachedProduction, int faultsCaught, int faultsEscaped, Outcome outcome,
                     double resourceCost, double p50LatencyMs, double p99LatencyMs, double throughput, long offered,
                     List<TimelineBin> timeline) {
        this(scenario, replication, availability, unavailableS, plannedUnavailableS, unplannedUnavailableS,
                upgradeDurationS, mixedVersionS, racesError, racesSilent, lostWrites, faultsInjected,
                faultsReachedProduction, faultsCaught, faultsEscaped, outcome, resourceCost, p50LatencyMs, p99LatencyMs,
                throughput, offered, timeline, Map.of());
    }

    /** The same result with the per-type split of its faults. */
    public RunResult withFaultsByType(Map<FaultType, FaultCounts> byType) {
        return with(scenario, byType, p99UpgradeLatencyMs, progressDeadlineExceeded, timeToDetectS, blastRadius);
    }

    /** The same result under another scenario label (a swept arm's, say). */
    public RunResult withScenario(String label) {
        return with(label, faultsByType, p99UpgradeLatencyMs, progressDeadlineExceeded, timeToDetectS, blastRadius);
    }

    /** The same result with the latency measured while the upgrade ran. */
    public RunResult withUpgradeLatency(double p99Ms) {
        return with(scenario, faultsByType, p99Ms, progressDeadlineExceeded, timeToDetectS, blastRadius);
    }

    /** The same result, marked as having passed its progress deadline or not. */
    public RunResult withProgressDeadlineExceeded(boolean exceeded) {
        return with(scenario, faultsByType, p99UpgradeLatencyMs, exceeded, timeToDetectS, blastRadius);
    }

    /** The same result with how production felt its faults and breakages. */
    public RunResult withExposure(double timeToDetect, long blast) {
        return with(scenario, faultsByType, p99UpgradeLatencyMs, progressDeadlineExceeded, timeToDetect, blast);
    }

    /** The withers' one copy: the measured core stays, the label and the later metrics are given. */
    private RunResult with(String label, Map<FaultType, FaultCounts> byType, double p99Upgrade, boolean deadlineExceeded,
                           double timeToDetect, long blast) {
        return new RunResult(label, replication, availability, unavailableS, plannedUnavailableS, unplannedUnavailableS,
                upgradeDurationS, mixedVersionS, racesError, racesSilent, lostWrites, faultsInjected,
                faultsReachedProduction, faultsCaught, faultsEscaped, outcome, resourceCost, p50LatencyMs, p99LatencyMs,
                throughput, offered, timeline, byType, p99Upgrade, deadlineExceeded, timeToDetect, blast);
    }

    /**
     * The numeric metrics, in the order and with the names of {@code results.csv}. A NaN value
     * ({@code time_to_detect_s} of a run without detection) is written empty and left out of means.
     */
    public static final List<Metric> METRICS = List.of(
            new Metric("availability", "", RunResult::availability),
            new Metric("unavailable_s", "s", RunResult::unavailableS),
            new Metric("planned_unavailable_s", "s", RunResult::plannedUnavailableS),
            new Metric("unplanned_unavailable_s", "s", RunResult::unplannedUnavailableS),
            new Metric("upgrade_duration_s", "s", RunResult::upgradeDurationS),
            new Metric("mixed_version_s", "s", RunResult::mixedVersionS),
            new Metric("races_error", "", r -> r.racesError()),
            new Metric("races_silent", "", r -> r.racesSilent()),
            new Metric("lost_writes", "", r -> r.lostWrites()),
            new Metric("faults_injected", "", r -> r.faultsInjected()),
            new Metric("faults_reached_production", "", r -> r.faultsReachedProduction()),
            new Metric("faults_caught", "", r -> r.faultsCaught()),
            new Metric("faults_escaped", "", r -> r.faultsEscaped()),
            new Metric("resource_cost", "", RunResult::resourceCost),
            new Metric("p50_latency_ms", "ms", RunResult::p50LatencyMs),
            new Metric("p99_latency_ms", "ms", RunResult::p99LatencyMs),
            new Metric("throughput_rps", "req/s", RunResult::throughput),
            new Metric("p99_upgrade_latency_ms", "ms", RunResult::p99UpgradeLatencyMs),
            // 1 when the rollout passed its progress deadline (Kubernetes' ProgressDeadlineExceeded): its mean is the share of runs
            new Metric("progress_deadline_exceeded", "", r -> r.progressDeadlineExceeded() ? 1 : 0),
            new Metric("time_to_detect_s", "s", RunResult::timeToDetectS),
            new Metric("blast_radius", "", r -> r.blastRadius()));

    private static final Map<String, Metric> METRICS_BY_NAME = METRICS.stream()
            .collect(java.util.stream.Collectors.toUnmodifiableMap(Metric::name, m -> m));

    /** A numeric metric: its column name, unit and accessor. */
    public record Metric(String name, String unit, ToDoubleFunction<RunResult> value) {
    }

    /** The metric of {@code results.csv} named {@code name}, if there is one. */
    public static java.util.Optional<Metric> metric(String name) {
        return java.util.Optional.ofNullable(METRICS_BY_NAME.get(name));
    }

    /** The numeric metrics by name. */
    public Map<String, Double> values() {
        Map<String, Double> m = new java.util.LinkedHashMap<>();
        for (Metric metric : METRICS) {
            m.put(metric.name(), metric.value().applyAsDouble(this));
        }
        return m;
    }
}
