package imago.experiments.simvsreal;

import imago.executor.load.RequestRecord;
import imago.experiments.simvsreal.Calibration.Measured;
import imago.experiments.simvsreal.Calibration.Stage;
import imago.model.experiment.Experiment;
import imago.model.workload.AsyncInteractions;
import imago.model.workload.RequestType;
import imago.model.workload.Workload;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * What the real requests' latencies say about the application's service: each request type's
 * cost, the spread within a type, and how a freshly started node serves. The part of the
 * {@link Calibration} that reads requests rather than steps.
 */
final class RequestLatencies {

    /** The ends of the warm-up stages measured (s of a node's age): finer where it changes fast. */
    static final double[] WARMUP_STAGES = {0.25, 0.5, 1, 2, 4, 8};
    /** Answers a stage needs for its mean to be measured (a stage with fewer ends the warm-up). */
    static final int MIN_PER_STAGE = 30;

    private RequestLatencies() {
    }

    /** The executor's name for the workload's callback, when it has callbacks. */
    static Optional<String> callbackKind(Workload w) {
        return w.async().fraction() > 0 ? Optional.of(RequestRecord.CONFIRM) : Optional.empty();
    }

    /** The request types the workload names: its mix, and its callback by the executor's name for it. */
    static Set<String> typeNames(Experiment e) {
        Set<String> names = new HashSet<>();
        e.workload().mix().forEach(t -> names.add(t.name()));
        callbackKind(e.workload()).ifPresent(names::add);
        return names;
    }

    /**
     * The spread of ln(latency) around each group's own mean (pooled, n - groups degrees of freedom):
     * the types' costs already account for the spread between them.
     */
    static OptionalDouble logSd(Collection<List<Double>> groups) {
        double ss = 0;
        int n = 0, used = 0;
        for (List<Double> xs : groups) {
            double[] logs = xs.stream().filter(x -> x > 0).mapToDouble(Math::log).toArray();
            if (logs.length == 0) {
                continue;
            }
            double mean = java.util.Arrays.stream(logs).average().orElseThrow();
            for (double l : logs) {
                ss += (l - mean) * (l - mean);
            }
            n += logs.length;
            used++;
        }
        return n - used < 1 ? OptionalDouble.empty() : OptionalDouble.of(Math.sqrt(ss / (n - used)));
    }

    /** Each stage's answers over their type's mean latency before the upgrade, stage by stage while measured. */
    static List<Stage> warmup(List<RunLogs.Warming> warming, Map<String, List<Double>> baselineByKind) {
        Map<String, Double> baseline = new HashMap<>();
        baselineByKind.forEach((k, xs) -> baseline.put(k, xs.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN)));
        List<List<Double>> ratios = new ArrayList<>();
        for (double ignored : WARMUP_STAGES) {
            ratios.add(new ArrayList<>());
        }
        for (RunLogs.Warming w : warming) {
            Double b = baseline.get(w.kind());
            int stage = 0;
            while (stage < WARMUP_STAGES.length && w.ageS() >= WARMUP_STAGES[stage]) {
                stage++;
            }
            if (b != null && b > 0 && stage < WARMUP_STAGES.length) {
                ratios.get(stage).add(w.latencyS() / b);
            }
        }
        List<Stage> out = new ArrayList<>();
        for (int i = 0; i < WARMUP_STAGES.length && ratios.get(i).size() >= MIN_PER_STAGE; i++) {
            out.add(new Stage(WARMUP_STAGES[i], Measured.of(ratios.get(i)).orElseThrow()));
        }
        return out;
    }

    /**
     * {@code w} with each request type's measured cost: its mean latency before the upgrade over
     * all requests' {@code allS} (so the mix's average request keeps the measured service time).
     * Types never seen keep their configured cost.
     */
    static Workload costed(Workload w, Map<String, Measured> latencyByKind, double allS) {
        List<RequestType> mix = w.mix().stream().map(t -> Optional.ofNullable(latencyByKind.get(t.name()))
                .map(m -> t.withCost(m.mean() / allS)).orElse(t)).toList();
        AsyncInteractions async = callbackKind(w).map(latencyByKind::get)
                .map(m -> w.async().withCost(m.mean() / allS)).orElse(w.async());
        return new Workload(w.arrivals(), w.sessions(), mix, async, w.timeoutS());
    }
}
