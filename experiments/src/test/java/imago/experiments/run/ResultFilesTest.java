package imago.experiments.run;

import imago.model.metrics.Outcome;
import imago.model.metrics.RunResult;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ResultFilesTest {

    static RunResult result(String arm, int rep, double availability) {
        return new RunResult(arm, rep, availability, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, Outcome.SUCCESS, 1, 0, 0, 0, 100, List.of());
    }

    @Test
    void differencesPairArmsAtTheSameSweepPointByReplication() {
        List<RunResult> rs = new ArrayList<>();
        double[] rolling = {0.90, 0.80, 0.70};
        double[] imago = {0.99, 0.98, 0.97};
        for (int r = 0; r < 3; r++) {
            rs.add(result("rolling[rows=10]", r, rolling[r]));
            rs.add(result("rolling[rows=20]", r, rolling[r] - 0.1));
            rs.add(result("imago[rows=10]", r, imago[r]));
        }
        Table d = ResultFiles.differences(ResultFiles.results(rs));
        List<String> pairs = new ArrayList<>();
        for (int i = 0; i < d.rowCount(); i++) {
            pairs.add(d.stringColumn("scenario_a").get(i) + " - " + d.stringColumn("scenario_b").get(i));
        }
        assertThat(pairs.stream().distinct().toList()).containsExactly("rolling[rows=10] - imago[rows=10]");
        Table availability = d.where(d.stringColumn("metric").isEqualTo("availability"));
        // Per-replication differences -0.09, -0.18, -0.27: mean -0.18, sd 0.09, t(2) = 4.303.
        assertThat(availability.doubleColumn("mean_difference").getDouble(0)).isCloseTo(-0.18, within(1e-12));
        assertThat(availability.doubleColumn("ci95_high").getDouble(0) - availability.doubleColumn("mean_difference").getDouble(0))
                .isCloseTo(4.303 * 0.09 / Math.sqrt(3), within(1e-3));
        assertThat(availability.intColumn("n").getInt(0)).isEqualTo(3);
    }
}
