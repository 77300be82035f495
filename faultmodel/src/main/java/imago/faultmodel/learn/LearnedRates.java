package imago.faultmodel.learn;

import imago.faultmodel.data.FailureReport;
import imago.faultmodel.data.Feature;
import imago.faultmodel.data.Source;
import imago.model.fault.FaultType;
import imago.model.plan.StepKind;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Fault-type frequencies and per-step fault probabilities learned from typed reports.
 *
 * <p><b>Frequencies.</b> Per source, the share of its reports of each type. Pooled, the mean of
 * the per-source shares, so each source weighs the same however many reports it has.
 *
 * <p><b>Steps.</b> For each type, the share of its reports per step kind (their {@code stage}
 * through {@link StageSteps}), again with each source weighing the same.
 *
 * <p><b>Base rate.</b> The original study saw a type 1 fault in 15.2% and a type 4 fault in
 * 16.8% of upgrades. Read as Poisson processes, these are intensities of -ln(1-0.152) and
 * -ln(1-0.168) faults per upgrade. The expected number of faults per reference upgrade,
 * {@code baseRate}, is set so that the learned intensities of types 1 and 4 together match those
 * two together: {@code baseRate * (f1 r1 + f4 r4) = -ln(0.848) - ln(0.832)}, where f is the pooled
 * frequency and r the share of the type's faults on steps the reference upgrade runs. Type t then
 * has intensity {@code mu_t = baseRate * f_t}, split over step kinds by its step shares, and each of
 * the n_k target executions of kind k draws it with {@code p = 1 - exp(-mu_t * share_tk / n_k)}, so
 * that a reference upgrade suffers at least one type t fault with probability exactly
 * {@code 1 - exp(-mu_t * r_t)}. Kinds the reference does not run (e.g. Rollback) get the rate of
 * one execution. Types 1 and 4 individually differ from 15.2% / 16.8% by as much as the learned
 * ratio f1:f4 differs from the original one; that difference is a finding, not an error.
 *
 * @param perSource       per source: share of its reports per type
 * @param pooled          mean of the per-source shares
 * @param stepShares      per type: share of its reports per step kind
 * @param baseRate        expected faults per reference upgrade
 * @param perUpgrade      per type: probability that a reference upgrade suffers at least one
 * @param stepProbability per step kind, per type: probability per target execution
 * @param detectedLater   per type: share of its reports (with known detection) noticed only later
 */
public record LearnedRates(
        Map<Source, Map<FaultType, Double>> perSource,
        Map<FaultType, Double> pooled,
        Map<FaultType, Map<StepKind, Double>> stepShares,
        double baseRate,
        Map<FaultType, Double> perUpgrade,
        Map<StepKind, Map<FaultType, Double>> stepProbability,
        Map<FaultType, Double> detectedLater) {

    /** Original study (CMU-PDL-08-115): share of upgrades with a type 1 fault. */
    public static final double ORIGINAL_TYPE_1 = 0.152;
    /** Original study (CMU-PDL-08-115): share of upgrades with a type 4 fault. */
    public static final double ORIGINAL_TYPE_4 = 0.168;

    public static LearnedRates learn(List<FailureReport> rows, FaultType[] typeOf, ReferenceUpgrade ref) {
        if (rows.size() != typeOf.length) {
            throw new IllegalArgumentException("one type per report needed");
        }
        double[][] p = new double[rows.size()][FaultType.values().length];
        for (int i = 0; i < p.length; i++) {
            p[i][typeOf[i].ordinal()] = 1;
        }
        return learn(rows, p, ref);
    }

    /**
     * The same with soft types: {@code typeShare[i][t]} is the share of report i that counts as
     * type t (rows sum to 1), e.g. how often the bootstrap typed it t. Each report then adds that
     * share of its weight to every figure of type t.
     */
    public static LearnedRates learn(List<FailureReport> rows, double[][] typeShare, ReferenceUpgrade ref) {
        if (rows.size() != typeShare.length) {
            throw new IllegalArgumentException("one type distribution per report needed");
        }
        Map<Source, Integer> n = new EnumMap<>(Source.class);
        for (FailureReport r : rows) {
            n.merge(r.source(), 1, Integer::sum);
        }
        // Each source weighs 1/|sources|, shared equally among its reports.
        double[] w = new double[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            w[i] = 1.0 / (n.size() * n.get(rows.get(i).source()));
        }

        Map<Source, Map<FaultType, Double>> perSource = new EnumMap<>(Source.class);
        for (Source s : n.keySet()) {
            perSource.put(s, zeros());
        }
        Map<FaultType, Double> pooled = zeros();
        Map<FaultType, Map<StepKind, Double>> stepWeight = new EnumMap<>(FaultType.class);
        double[] later = new double[FaultType.values().length];
        double[] known = new double[FaultType.values().length];
        for (int i = 0; i < rows.size(); i++) {
            FailureReport r = rows.get(i);
            for (FaultType t : FaultType.values()) {
                double q = typeShare[i][t.ordinal()];
                if (q <= 0) {
                    continue;
                }
                perSource.get(r.source()).merge(t, q / n.get(r.source()), Double::sum);
                pooled.merge(t, q * w[i], Double::sum);
                stepWeight.computeIfAbsent(t, x -> new EnumMap<>(StepKind.class))
                        .merge(StageSteps.of(r.value(Feature.STAGE)), q * w[i], Double::sum);
                String det = r.value(Feature.DETECTED);
                if (!det.equals(Feature.UNKNOWN)) {
                    known[t.ordinal()] += q;
                    if (det.equals("later")) {
                        later[t.ordinal()] += q;
                    }
                }
            }
        }

        Map<FaultType, Map<StepKind, Double>> stepShares = new EnumMap<>(FaultType.class);
        Map<FaultType, Double> executedShare = zeros();
        for (var e : stepWeight.entrySet()) {
            double total = e.getValue().values().stream().mapToDouble(Double::doubleValue).sum();
            Map<StepKind, Double> shares = new EnumMap<>(StepKind.class);
            e.getValue().forEach((k, v) -> shares.put(k, v / total));
            stepShares.put(e.getKey(), shares);
            double executed = 0;
            for (var s : shares.entrySet()) {
                if (ref.runs(s.getKey())) {
                    executed += s.getValue();
                }
            }
            executedShare.put(e.getKey(), executed);
        }

        double target = -Math.log1p(-ORIGINAL_TYPE_1) - Math.log1p(-ORIGINAL_TYPE_4);
        double denom = pooled.get(FaultType.SIMPLE_CONFIG) * executedShare.get(FaultType.SIMPLE_CONFIG)
                + pooled.get(FaultType.DATA_ACCESS) * executedShare.get(FaultType.DATA_ACCESS);
        if (denom <= 0) {
            // No type 1 or 4 found: calibrate all types together on the same total intensity.
            for (FaultType t : FaultType.values()) {
                denom += pooled.get(t) * executedShare.get(t);
            }
        }
        if (denom <= 0) {
            throw new IllegalStateException(
                    "cannot calibrate: no typed fault strikes a step the reference upgrade runs");
        }
        double baseRate = target / denom;

        Map<FaultType, Double> perUpgrade = zeros();
        Map<StepKind, Map<FaultType, Double>> prob = new EnumMap<>(StepKind.class);
        for (var e : stepShares.entrySet()) {
            FaultType t = e.getKey();
            double mu = baseRate * pooled.get(t);
            perUpgrade.put(t, -Math.expm1(-mu * executedShare.get(t)));
            for (var s : e.getValue().entrySet()) {
                double p = -Math.expm1(-mu * s.getValue() / ref.executionsOf(s.getKey()));
                if (p > 0) {
                    prob.computeIfAbsent(s.getKey(), x -> new EnumMap<>(FaultType.class)).put(t, p);
                }
            }
        }
        for (var e : prob.entrySet()) {
            double sum = e.getValue().values().stream().mapToDouble(Double::doubleValue).sum();
            if (sum > 1) {
                throw new IllegalStateException(String.format(Locale.ROOT,
                        "cannot calibrate: %s faults would need probability %.2f > 1 per execution, because types 1"
                                + " and 4 hold only %.1f%% and %.1f%% of the reports; use clusters with more reports",
                        e.getKey().configName(), sum, 100 * pooled.get(FaultType.SIMPLE_CONFIG),
                        100 * pooled.get(FaultType.DATA_ACCESS)));
            }
        }
        Map<FaultType, Double> detectedLater = zeros();
        for (FaultType t : FaultType.values()) {
            detectedLater.put(t, known[t.ordinal()] == 0 ? 0 : later[t.ordinal()] / known[t.ordinal()]);
        }
        return new LearnedRates(perSource, pooled, stepShares, baseRate, perUpgrade, prob, detectedLater);
    }

    public LearnedRates {
        perSource = copy2(perSource);
        pooled = frozen(pooled);
        stepShares = copy2(stepShares);
        perUpgrade = frozen(perUpgrade);
        stepProbability = copy2(stepProbability);
        detectedLater = frozen(detectedLater);
    }

    private static Map<FaultType, Double> zeros() {
        Map<FaultType, Double> m = new EnumMap<>(FaultType.class);
        for (FaultType t : FaultType.values()) {
            m.put(t, 0.0);
        }
        return m;
    }

    // Insertion-ordered copies: Map.copyOf iterates in an order that changes between JVM runs.
    private static <A, V> Map<A, V> frozen(Map<A, V> in) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(in));
    }

    private static <A, B, V> Map<A, Map<B, V>> copy2(Map<A, Map<B, V>> in) {
        Map<A, Map<B, V>> out = new LinkedHashMap<>();
        in.forEach((a, m) -> out.put(a, frozen(m)));
        return Collections.unmodifiableMap(out);
    }
}
