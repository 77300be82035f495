package imago.experiments.simvsreal;

import imago.model.dist.Dist;
import imago.model.experiment.Experiment;
import imago.model.fault.FaultType;
import imago.model.metrics.RunResult;
import imago.model.metrics.TimelineBin;
import imago.model.plan.StepKind;
import imago.model.plan.Universe;
import imago.model.upgrade.SchemaChange;
import imago.model.upgrade.Upgrade;
import imago.sim.InjectedFault;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * Why a target is missed, measured from the logs: where in the window the two backends lose
 * requests, which step's real duration departs most from the calibrated one, which request
 * types fail for real, and, for fates, how the fault ended in each.
 *
 * @param calibrated the calibrated experiment the simulator ran (its step times and rates)
 */
record Causes(Experiment calibrated, Calibration calibration) {

    /** The simulated side of one scenario: its runs' metrics and injected faults. */
    record Simulated(List<RunResult> results, List<List<InjectedFault>> faults) {
    }

    String of(String metric, List<RealRuns.Run> real, Simulated sim) {
        return switch (metric) {
            case "races" -> races(real, sim);
            case "fate" -> fate(real, sim);
            case "p99_latency_ms", "p99_upgrade_latency_ms" -> String.join("; ", latency(real, sim), phases(real, sim));
            default -> String.join("; ", List.of(phases(real, sim), steps(real), requestTypes(real))
                    .stream().filter(s -> !s.isEmpty()).toList());
        };
    }

    /** Unavailable seconds before, during and after the upgrade in each backend. */
    String phases(List<RealRuns.Run> real, Simulated sim) {
        double[] r = meanPhases(real.stream().map(x -> phases(x.timeline(), x.values().getOrDefault("upgrade_duration_s", 0.0))).toList());
        double[] s = meanPhases(sim.results().stream().map(x -> phases(x.timeline(), x.upgradeDurationS())).toList());
        String[] names = {"before the upgrade", "during it", "after it"};
        int worst = 0;
        for (int i = 1; i < 3; i++) {
            if (Math.abs(s[i] - r[i]) > Math.abs(s[worst] - r[worst])) {
                worst = i;
            }
        }
        return String.format(Locale.ROOT, "unavailable s %s: real %.2f, simulated %.2f (before/during/after: real %.2f/%.2f/%.2f,"
                + " simulated %.2f/%.2f/%.2f)", names[worst], r[worst], s[worst], r[0], r[1], r[2], s[0], s[1], s[2]);
    }

    /** One run's unavailable seconds (sum of 1 - success ratio over 1 s bins) split at the upgrade's start and end. */
    double[] phases(List<TimelineBin> bins, double upgradeS) {
        double start = calibrated.preS(), end = start + upgradeS;
        double[] out = new double[3];
        for (TimelineBin b : bins) {
            int i = b.second() < start ? 0 : b.second() < end ? 1 : 2;
            out[i] += 1 - b.successRatio();
        }
        return out;
    }

    private static double[] meanPhases(List<double[]> runs) {
        double[] m = new double[3];
        for (double[] r : runs) {
            for (int i = 0; i < 3; i++) {
                m[i] += r[i] / runs.size();
            }
        }
        return m;
    }

    /** The kind of step whose real time in this scenario departs most from what the calibrated simulator takes. */
    String steps(List<RealRuns.Run> real) {
        Map<StepKind, List<Double>> realByKind = new EnumMap<>(StepKind.class);
        Map<StepKind, List<Double>> modelByKind = new EnumMap<>(StepKind.class);
        for (RealRuns.Run run : real) {
            Map<Integer, FaultType> faultyStarts = Calibration.faultyStarts(calibrated, run.logs());
            double readiness = Calibration.readinessS(calibrated, run.logs().scenario());
            Set<Integer> instantRetires = Calibration.retiresOfStopped(run.logs());
            List<RunLogs.StepRow> steps = run.logs().steps();
            for (int i = 0; i < steps.size(); i++) {
                RunLogs.StepRow s = steps.get(i);
                Optional<Double> model = instantRetires.contains(i) ? Optional.of(0.0)
                        : modelled(s, Optional.ofNullable(faultyStarts.get(i)), readiness);
                model.ifPresent(m -> {
                    realByKind.computeIfAbsent(s.kind(), k -> new ArrayList<>()).add(s.durationS());
                    modelByKind.computeIfAbsent(s.kind(), k -> new ArrayList<>()).add(m);
                });
            }
        }
        ToDoubleFunction<StepKind> gap = k -> sum(realByKind.get(k)) - sum(modelByKind.get(k));
        Optional<StepKind> worst = realByKind.keySet().stream().max(Comparator.comparingDouble(k -> Math.abs(gap.applyAsDouble(k))));
        return worst.map(k -> String.format(Locale.ROOT, "step %s: real %.2f s per run, calibrated %.2f s (%d step(s))",
                k.configName(), sum(realByKind.get(k)) / real.size(), sum(modelByKind.get(k)) / real.size(),
                realByKind.get(k).size() / Math.max(1, real.size()))).orElse("");
    }

    /**
     * What the calibrated simulator takes for a step the executor logged, where the model sets it,
     * as the simulator does it: a conversion without the tables it skipped, a database's rollback
     * as the tables it converted back, the Start of a node a given fault went into in its type's
     * faulty Start time, a Start in production with its plan's readiness delay. (A Retire of
     * nodes a Stop stopped takes none: {@link #steps} sees to it, as it needs the run.)
     */
    Optional<Double> modelled(RunLogs.StepRow s, Optional<FaultType> faultyStart, double readinessS) {
        Upgrade u = calibrated.upgrade();
        return switch (s.kind()) {
            case CONVERT_DATA -> u.schema().map(sc -> sc.rows() * (1 - sc.costShare(s.skippedTables())) / rate(sc, s));
            case RUNTIME_TEST -> calibration.runtimeTestS().map(Calibration.Measured::mean);
            case SWITCH -> calibration.switchS().map(Calibration.Measured::mean);
            case ROLLBACK -> {
                Map<String, Long> back = s.tablesConvertedBack();
                yield back.isEmpty() || u.schema().isEmpty()
                        ? Optional.ofNullable(u.stepTimes().get(s.kind())).map(Dist::mean)
                        : u.schema().map(sc -> sc.rollbackSeconds() * sc.costShare(back.keySet()));
            }
            case START -> faultyStart.map(t -> u.faultyStartTimes().get(t))
                    .or(() -> Optional.ofNullable(u.stepTimes().get(s.kind())))
                    .map(d -> d.mean() + (s.universe().equals("production") ? readinessS : 0));
            case PROVISION, DRAIN, STOP, INSTALL, CONFIGURE, RETIRE ->
                    Optional.ofNullable(u.stepTimes().get(s.kind())).map(Dist::mean);
            case SYNC_DATA, WAIT, SET_WEIGHT, ANALYSIS -> Optional.empty(); // policy or derived, not measured times
        };
    }

    private static double rate(SchemaChange sc, RunLogs.StepRow s) {
        return sc.rate(s.universe().equals("parallel") ? Universe.PARALLEL : Universe.PRODUCTION, !s.detail().contains("offline"));
    }

    private static double sum(List<Double> xs) {
        return xs == null ? 0 : xs.stream().mapToDouble(Double::doubleValue).sum();
    }

    /** The request types that fail for real, most failures first. */
    static String requestTypes(List<RealRuns.Run> real) {
        Map<String, int[]> byKind = new TreeMap<>();
        for (RealRuns.Run r : real) {
            r.logs().requestsByKind().forEach((k, v) -> {
                int[] a = byKind.computeIfAbsent(k, x -> new int[2]);
                a[0] += v.sent();
                a[1] += v.failed();
            });
        }
        String failing = byKind.entrySet().stream().filter(e -> e.getValue()[1] > 0)
                .sorted(Comparator.comparingInt((Map.Entry<String, int[]> e) -> e.getValue()[1]).reversed()).limit(3)
                .map(e -> String.format(Locale.ROOT, "%s %d of %d", e.getKey(), e.getValue()[1], e.getValue()[0]))
                .collect(Collectors.joining(", "));
        return failing.isEmpty() ? "" : "real failures by request type: " + failing;
    }

    /** Real latency before the upgrade against the window's, beside the simulated: where the slow answers come from. */
    private static String latency(List<RealRuns.Run> real, Simulated sim) {
        List<Double> before = real.stream().flatMap(r -> r.logs().baselineLatenciesS().stream()).sorted().toList();
        double p99Before = before.isEmpty() ? Double.NaN : p99(before) * 1000;
        return String.format(Locale.ROOT, "real p99 %.1f ms before the upgrade, %.1f ms over the window (p50 %.1f ms); simulated"
                        + " p99 %.1f ms, p50 %.1f ms", p99Before, realMean(real, "p99_latency_ms"), realMean(real, "p50_latency_ms"),
                simMean(sim, RunResult::p99LatencyMs), simMean(sim, RunResult::p50LatencyMs)) + slowestSteps(real);
    }

    /** The two step kinds during which the real requests answered had the highest p99 (pooled over runs). */
    private static String slowestSteps(List<RealRuns.Run> real) {
        Map<StepKind, List<Double>> pooled = new java.util.EnumMap<>(StepKind.class);
        real.forEach(r -> r.logs().latenciesByStep().forEach((k, v) -> pooled.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v)));
        String slowest = pooled.entrySet().stream().filter(e -> e.getValue().size() >= 20)
                .map(e -> Map.entry(e.getKey(), p99(e.getValue())))
                .sorted(Map.Entry.<StepKind, Double>comparingByValue().reversed()).limit(2)
                .map(e -> String.format(Locale.ROOT, "%s %.1f ms (%d answers)", e.getKey().configName(), e.getValue() * 1000,
                        pooled.get(e.getKey()).size()))
                .collect(Collectors.joining(", "));
        return slowest.isEmpty() ? "" : "; real p99 while steps ran, highest: " + slowest;
    }

    /** Nearest-rank p99. */
    static double p99(List<Double> xs) {
        List<Double> sorted = xs.stream().sorted().toList();
        return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(0.99 * sorted.size()) - 1));
    }

    private static String races(List<RealRuns.Run> real, Simulated sim) {
        return String.format(Locale.ROOT, "races_error real %.2f, simulated %.2f; races_silent real %.2f, simulated %.2f;"
                        + " mixed-version time real %.2f s, simulated %.2f s",
                realMean(real, "races_error"), simMean(sim, r -> r.racesError()), realMean(real, "races_silent"),
                simMean(sim, r -> r.racesSilent()), realMean(real, "mixed_version_s"), simMean(sim, RunResult::mixedVersionS));
    }

    private static double realMean(List<RealRuns.Run> real, String metric) {
        return real.stream().mapToDouble(r -> r.values().getOrDefault(metric, Double.NaN)).average().orElse(Double.NaN);
    }

    private static double simMean(Simulated sim, ToDoubleFunction<RunResult> f) {
        return sim.results().stream().mapToDouble(f).average().orElse(Double.NaN);
    }

    /** How the fault ended in each backend: the real recovery steps, the simulated detection and repair times. */
    private static String fate(List<RealRuns.Run> real, Simulated sim) {
        List<String> realSteps = new ArrayList<>();
        for (RealRuns.Run r : real) {
            r.logs().steps().stream().filter(s -> !s.status().equals("ok") || Fate.reverses(s)
                            || s.detail().startsWith("repair in the parallel universe")).findFirst()
                    .ifPresent(s -> realSteps.add(s.kind().configName() + " " + s.universe() + " " + s.status() + ": " + s.detail()));
        }
        List<InjectedFault> all = sim.faults().stream().flatMap(List::stream).toList();
        Map<String, Long> simFates = all.stream().collect(Collectors.groupingBy(
                f -> f.stepKind().configName() + " " + f.universe().configName() + " " + f.fate().name().toLowerCase(Locale.ROOT)
                        .replace('_', ' '), TreeMap::new, Collectors.counting()));
        double detect = all.stream().filter(f -> f.detectedAtS().isPresent())
                .mapToDouble(f -> f.detectedAtS().getAsDouble() - f.injectedAtS()).average().orElse(Double.NaN);
        long detected = all.stream().filter(f -> f.detectedAtS().isPresent()).count();
        long repaired = all.stream().filter(f -> f.repairedAtS().isPresent()).count();
        return "real: " + (realSteps.isEmpty() ? "no failed or recovery step" : String.join(" | ", realSteps.stream().distinct().limit(2).toList()))
                + String.format(Locale.ROOT, "; simulated faults %s, detected %d of %d%s, repaired %d", simFates, detected,
                all.size(), detected == 0 ? "" : String.format(Locale.ROOT, " (%.2f s after injection on average)", detect), repaired);
    }
}
