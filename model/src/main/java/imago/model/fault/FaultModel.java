package imago.model.fault;

import imago.model.dist.Dist;
import imago.model.plan.StepKind;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Which faults an upgrade step suffers, and how long they take to detect and repair (DESIGN §2).
 *
 * <p>{@code stepProbabilities.get(kind).get(type)} is the probability that one execution of a step
 * of that kind on one target (a node, or the step itself when it has no node targets) introduces a
 * fault of that type. Probabilities of one step kind sum to at most 1, since a draw yields at most
 * one fault. The model is produced by the {@code faultmodel} module from real failure reports, or
 * written by hand in a config.
 *
 * @param name              where the model comes from, e.g. {@code default} or {@code learned}
 * @param stepProbabilities per step kind, per fault type: probability per target execution
 * @param detection         per fault type: time from the fault's activation to its detection (s)
 * @param repair            per fault type: time from detection to repair or rollback (s)
 * @param frequencies       per data source (and {@code pooled}): the share of faults of each type
 * @param validation        figures that qualify a learned model (ARI, cophenetic correlation, ...)
 * @param datasetSha256     the hash of the data set a learned model was computed from
 */
// A learned model's file also carries a "classifier" section (the clusters' members) that only
// the faultmodel module reads, to classify new reports; the model itself has no use for it.
@com.fasterxml.jackson.annotation.JsonIgnoreProperties({"classifier"})
public record FaultModel(
        String name,
        Map<StepKind, Map<FaultType, Double>> stepProbabilities,
        Map<FaultType, Dist> detection,
        Map<FaultType, Dist> repair,
        Map<String, Map<FaultType, Double>> frequencies,
        Map<String, Double> validation,
        Optional<String> datasetSha256) {

    public FaultModel {
        Objects.requireNonNull(name, "name: required");
        Objects.requireNonNull(stepProbabilities, "stepProbabilities: required");
        Objects.requireNonNull(detection, "detection: required");
        Objects.requireNonNull(repair, "repair: required");
        frequencies = frequencies == null ? Map.of() : frequencies;
        validation = validation == null ? Map.of() : validation;
        datasetSha256 = datasetSha256 == null ? Optional.empty() : datasetSha256;
        stepProbabilities = copyNested(stepProbabilities);
        detection = Map.copyOf(detection);
        repair = Map.copyOf(repair);
        frequencies = Map.copyOf(new LinkedHashMap<>(frequencies));
        validation = Map.copyOf(validation);
        for (var e : stepProbabilities.entrySet()) {
            double sum = 0;
            for (var p : e.getValue().entrySet()) {
                double v = p.getValue();
                if (!(v >= 0 && v <= 1)) {
                    throw new IllegalArgumentException("stepProbabilities." + e.getKey().configName() + "."
                            + p.getKey().number() + ": must be in [0, 1] (was " + v + ")");
                }
                sum += v;
            }
            if (sum > 1 + 1e-9) {
                throw new IllegalArgumentException("stepProbabilities." + e.getKey().configName()
                        + ": probabilities must sum to <= 1 (was " + sum + ")");
            }
        }
        for (FaultType t : FaultType.values()) {
            if (hasAnyProbability(stepProbabilities, t) && (!detection.containsKey(t) || !repair.containsKey(t))) {
                throw new IllegalArgumentException("detection/repair: missing for fault type " + t.number());
            }
        }
    }

    /** Probability that one target execution of a {@code kind} step introduces a {@code type} fault. */
    public double probability(StepKind kind, FaultType type) {
        return stepProbabilities.getOrDefault(kind, Map.of()).getOrDefault(type, 0.0);
    }

    /** Probability that one target execution of a {@code kind} step introduces any fault. */
    public double totalProbability(StepKind kind) {
        double sum = 0;
        for (double p : stepProbabilities.getOrDefault(kind, Map.of()).values()) {
            sum += p;
        }
        return sum;
    }

    /** True when no step can fault. Not a property: keeps it out of fault-model.json. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isEmpty() {
        for (StepKind k : StepKind.values()) {
            if (totalProbability(k) > 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * This model with every step probability multiplied by {@code factor}; where a step's total
     * would pass 1 its probabilities are scaled down together, so the proportions between types
     * stay as they were.
     */
    public FaultModel scaled(double factor) {
        Map<StepKind, Map<FaultType, Double>> p = new EnumMap<>(StepKind.class);
        stepProbabilities.forEach((kind, byType) -> {
            double total = byType.values().stream().mapToDouble(Double::doubleValue).sum() * factor;
            double f = total > 1 ? factor / total : factor;
            Map<FaultType, Double> m = new EnumMap<>(FaultType.class);
            byType.forEach((t, v) -> m.put(t, v * f));
            p.put(kind, m);
        });
        return new FaultModel(name + " x" + factor, p, detection, repair, frequencies, validation, datasetSha256);
    }

    /** A model that never injects a fault. */
    public static FaultModel none() {
        return new FaultModel("none", Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), Optional.empty());
    }

    /**
     * The hand-written default used until a learned model is available. The per-step rates are
     * set so that, on a small three-tier system, roughly 15% of upgrades suffer a type 1 fault and
     * 17% a type 4 fault, the figures of the original study (CMU-PDL-08-115); the detection and
     * repair times are round guesses stated openly in the README, not measurements.
     */
    public static FaultModel handWritten() {
        Map<StepKind, Map<FaultType, Double>> p = new EnumMap<>(StepKind.class);
        p.put(StepKind.CONFIGURE, Map.of(FaultType.SIMPLE_CONFIG, 0.02, FaultType.SEMANTIC_CONFIG, 0.015));
        p.put(StepKind.INSTALL, Map.of(FaultType.BROKEN_ENVIRONMENT, 0.015));
        p.put(StepKind.START, Map.of(FaultType.SIMPLE_CONFIG, 0.005, FaultType.BROKEN_ENVIRONMENT, 0.01));
        p.put(StepKind.CONVERT_DATA, Map.of(FaultType.DATA_ACCESS, 0.15));
        p.put(StepKind.SYNC_DATA, Map.of(FaultType.DATA_ACCESS, 0.02));
        Map<FaultType, Dist> detection = new EnumMap<>(FaultType.class);
        detection.put(FaultType.SIMPLE_CONFIG, Dist.exponential(60));
        detection.put(FaultType.SEMANTIC_CONFIG, Dist.exponential(300));
        detection.put(FaultType.BROKEN_ENVIRONMENT, Dist.exponential(30));
        detection.put(FaultType.DATA_ACCESS, Dist.exponential(120));
        Map<FaultType, Dist> repair = new EnumMap<>(FaultType.class);
        repair.put(FaultType.SIMPLE_CONFIG, Dist.exponential(120));
        repair.put(FaultType.SEMANTIC_CONFIG, Dist.exponential(600));
        repair.put(FaultType.BROKEN_ENVIRONMENT, Dist.exponential(300));
        repair.put(FaultType.DATA_ACCESS, Dist.exponential(900));
        return new FaultModel("default", p, detection, repair, Map.of(), Map.of(), Optional.empty());
    }

    private static boolean hasAnyProbability(Map<StepKind, Map<FaultType, Double>> p, FaultType t) {
        for (var m : p.values()) {
            if (m.getOrDefault(t, 0.0) > 0) {
                return true;
            }
        }
        return false;
    }

    private static Map<StepKind, Map<FaultType, Double>> copyNested(Map<StepKind, Map<FaultType, Double>> in) {
        Map<StepKind, Map<FaultType, Double>> out = new EnumMap<>(StepKind.class);
        in.forEach((k, v) -> out.put(k, Map.copyOf(v)));
        return Map.copyOf(out);
    }
}
