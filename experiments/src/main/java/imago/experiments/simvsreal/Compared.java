package imago.experiments.simvsreal;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A quantity sim-vs-real compares: a metric of {@code results.csv}, or the sum of several per run
 * (races: errors + silent), with the rule it must meet, if any. Named by results.csv columns, so a
 * metric added to RunResult is compared by adding one entry to {@link #ALL}.
 */
record Compared(String name, List<String> columns, Optional<Rule> rule) {

    Compared {
        columns = List.copyOf(columns);
    }

    static Compared target(String metric, Rule rule) {
        return new Compared(metric, List.of(metric), Optional.of(rule));
    }

    static Compared shown(String metric) {
        return new Compared(metric, List.of(metric), Optional.empty());
    }

    /**
     * Targeted first, then shown for context. Production p99 latency is taken while the upgrade
     * runs ({@code p99_upgrade_latency_ms}), where the conversion and sync compete with production.
     */
    static final List<Compared> ALL = List.of(
            target("availability", new Rule.AbsoluteGap(0.01)),
            target("unavailable_s", new Rule.RelativeOrFloor(0.20, 1.0)),
            new Compared("races", List.of("races_error", "races_silent"), Optional.of(new Rule.CountRelativeOrCi(0.20))),
            target("p99_upgrade_latency_ms", new Rule.RelativeOrCi(0.20)),
            shown("planned_unavailable_s"), shown("unplanned_unavailable_s"), shown("upgrade_duration_s"),
            shown("mixed_version_s"), shown("races_error"), shown("races_silent"), shown("lost_writes"),
            shown("faults_reached_production"), shown("faults_caught"), shown("p99_latency_ms"), shown("time_to_detect_s"),
            shown("blast_radius"));

    /** This quantity in one run; empty when the run's table lacks a column (a metric not computed yet). */
    Optional<Double> of(Map<String, Double> run) {
        double sum = 0;
        for (String c : columns) {
            Double v = run.get(c);
            if (v == null) {
                return Optional.empty();
            }
            sum += v;
        }
        return Optional.of(sum);
    }
}
