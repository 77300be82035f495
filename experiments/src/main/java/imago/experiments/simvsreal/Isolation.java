package imago.experiments.simvsreal;

import imago.experiments.report.Numbers;
import imago.experiments.stats.Summary;
import imago.model.experiment.Experiment;
import imago.model.strategy.Strategy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What each upgrade costs production, measured: its availability beside production's p99
 * latency while it runs, against the p99 before it. Imago's AIR properties promise isolation,
 * performance included; a copy and a sync beside production read its database, so the price
 * of Imago's availability shows up as latency, and the report states it.
 */
final class Isolation {
    static final List<String> HEADER = List.of("scenario", "availability real", "simulated",
            "p99 during the upgrade real", "simulated", "real over before the upgrades");

    private Isolation() {
    }

    /** One row per scenario with both quantities compared, against {@code before} ({@link #p99BeforeMs}). */
    static List<List<String>> table(double before, List<SimVsReal.Row> rows) {
        List<List<String>> out = new ArrayList<>();
        for (String scenario : rows.stream().map(SimVsReal.Row::scenario).distinct().toList()) {
            Optional<SimVsReal.Row> availability = row(rows, scenario, "availability");
            Optional<SimVsReal.Row> p99 = row(rows, scenario, "p99_upgrade_latency_ms");
            if (availability.isEmpty() || p99.isEmpty()) {
                continue;
            }
            out.add(List.of(scenario, Numbers.withCi(availability.get().real()), Numbers.format(availability.get().sim().mean()),
                    Numbers.withCi(p99.get().real()) + " ms", ms(p99.get().sim().mean()),
                    Double.isFinite(before) && before > 0 ? String.format(Locale.ROOT, "x%.1f", p99.get().real().mean() / before) : ""));
        }
        return out;
    }

    /** A sentence per fault-free Imago scenario: its availability and its measured cost to production's latency. */
    static String imagoCost(Experiment e, double before, List<SimVsReal.Row> rows) {
        List<String> out = new ArrayList<>();
        for (var sc : e.scenarios()) {
            if (!(sc.strategy() instanceof Strategy.Imago) || !sc.injected().isEmpty()) {
                continue;
            }
            Optional<SimVsReal.Row> availability = row(rows, sc.name(), "availability");
            Optional<SimVsReal.Row> p99 = row(rows, sc.name(), "p99_upgrade_latency_ms");
            if (availability.isEmpty() || p99.isEmpty()) {
                continue;
            }
            Summary r = p99.get().real();
            out.add(String.format(Locale.ROOT, "%s kept production's availability at %s (simulated %s), and its cost is latency:"
                            + " production's p99 while it ran was %s ms against %s ms before the upgrades (x%.1f), simulated %s ms.",
                    sc.name(), Numbers.format(availability.get().real().mean()), Numbers.format(availability.get().sim().mean()),
                    Numbers.withCi(r), Numbers.format(before), r.mean() / before, Numbers.format(p99.get().sim().mean())));
        }
        return String.join(" ", out);
    }

    private static Optional<SimVsReal.Row> row(List<SimVsReal.Row> rows, String scenario, String metric) {
        return rows.stream().filter(r -> r.scenario().equals(scenario) && r.metric().equals(metric) && r.real().n() > 0).findFirst();
    }

    /**
     * The p99 of every request the real runs answered before their upgrades, pooled over all
     * scenarios (ms): the same system under the same load, and a few seconds of each run alone
     * give a p99 that swings with the nodes' warm-up.
     */
    static double p99BeforeMs(RealRuns real) {
        List<Double> before = real.runs().stream().flatMap(r -> r.logs().baselineLatenciesS().stream()).toList();
        return before.isEmpty() ? Double.NaN : Causes.p99(before) * 1000;
    }

    private static String ms(double v) {
        return Double.isFinite(v) ? Numbers.format(v) + " ms" : "";
    }
}
