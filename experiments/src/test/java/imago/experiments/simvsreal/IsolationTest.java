package imago.experiments.simvsreal;

import imago.experiments.stats.Summary;
import imago.model.config.ExperimentLoader;
import imago.model.experiment.Experiment;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The report states what each upgrade costs production: availability beside p99 latency during it, against before. */
class IsolationTest {

    private final Experiment bidding = ExperimentLoader.load(Path.of("configs/paper/sim-vs-real.yaml"));

    private static RealRuns.Run run(String scenario, List<Double> before) {
        return new RealRuns.Run(scenario, 0, "success", Map.of(), List.of(),
                new RunLogs(scenario, 0, List.of(), before, Map.of()));
    }

    private static SimVsReal.Row row(String scenario, String metric, double real, double sim) {
        return new SimVsReal.Row(scenario, metric, new Summary(real, real - 1, real + 1, 3), new Summary(sim, sim, sim, 30),
                new Summary(Double.NaN, Double.NaN, Double.NaN, 0), "", Optional.of(true), "");
    }

    @Test
    void imagosCostIsItsP99DuringTheUpgradeOverThePooledOneBefore() {
        // 200 answers before the upgrades, 0.01 s each but the three slowest (0.05, 0.05 and 0.10 s):
        // the nearest-rank p99 is the 198th, 0.05 s, pooled over both scenarios' runs.
        List<Double> a = new ArrayList<>(java.util.Collections.nCopies(98, 0.01));
        a.add(0.05);
        a.add(0.05);
        List<Double> b = new ArrayList<>(java.util.Collections.nCopies(99, 0.01));
        b.add(0.10);
        RealRuns real = new RealRuns(Path.of("real"), List.of(run("imago", a), run("rolling", b)));
        assertThat(Isolation.p99BeforeMs(real)).isCloseTo(50, within(1e-9));

        List<SimVsReal.Row> rows = List.of(row("imago", "availability", 1, 1), row("imago", "p99_upgrade_latency_ms", 150, 160),
                row("rolling", "availability", 0.65, 0.67), row("rolling", "p99_upgrade_latency_ms", 200, 180),
                row("imago-type1", "availability", 1, 1)); // no latency compared: no row
        List<List<String>> table = Isolation.table(Isolation.p99BeforeMs(real), rows);
        assertThat(table).extracting(r -> r.get(0)).containsExactly("imago", "rolling");
        assertThat(table.get(0).get(5)).isEqualTo("x3.0");
        assertThat(table.get(1).get(5)).isEqualTo("x4.0");
        // Only the fault-free Imago scenario gets the sentence.
        String cost = Isolation.imagoCost(bidding, Isolation.p99BeforeMs(real), rows);
        assertThat(cost).startsWith("imago kept production's availability at 1").contains("against 50 ms before the upgrades (x3.0)")
                .doesNotContain("rolling");
    }
}
