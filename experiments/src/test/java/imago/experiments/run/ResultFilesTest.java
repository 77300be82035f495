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
        return result(arm, rep, availability, Outcome.SUCCESS);
    }

    static RunResult result(String arm, int rep, double availability, Outcome outcome) {
        return new RunResult(arm, rep, availability, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, outcome, 1, 0, 0, 0, 100, List.of());
    }

    static RunResult withTimeline(String arm, int seconds) {
        List<imago.model.metrics.TimelineBin> bins = new ArrayList<>();
        for (int t = 0; t < seconds; t++) {
            bins.add(new imago.model.metrics.TimelineBin(t, 10, t % 2 == 0 ? 10 : 6, t % 2 == 0 ? 0 : 4, t < seconds / 2 ? 0 : 1));
        }
        return new RunResult(arm, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, Outcome.SUCCESS, 1, 0, 0, 0, 10L * seconds, bins);
    }

    @Test
    void longTimelinesAreBinnedWiderInTheCsvShortOnesKeepEverySecond() {
        Table t = ResultFiles.timeline(List.of(withTimeline("short", 100), withTimeline("long", 5 * 3600 + 1)));
        Table shortRun = t.where(t.stringColumn("scenario").isEqualTo("short"));
        assertThat(shortRun.rowCount()).isEqualTo(100);
        assertThat(shortRun.intColumn("bin_s").asList()).containsOnly(1);

        // 18,001 s is over the 4-hour limit: 2-s bins (a width that divides a minute), the last one 1 s wide.
        Table longRun = t.where(t.stringColumn("scenario").isEqualTo("long"));
        assertThat(longRun.rowCount()).isEqualTo(9001);
        assertThat(longRun.intColumn("second").getInt(1)).isEqualTo(2);
        assertThat(longRun.intColumn("offered").getInt(0)).isEqualTo(20);
        assertThat(longRun.intColumn("succeeded").getInt(0)).isEqualTo(16);
        assertThat(longRun.intColumn("failed").getInt(0)).isEqualTo(4);
        assertThat(longRun.intColumn("bin_s").getInt(0)).isEqualTo(2);
        assertThat(longRun.intColumn("bin_s").getInt(9000)).isEqualTo(1);
        assertThat(longRun.intColumn("offered").sum()).isEqualTo(10L * (5 * 3600 + 1));
        assertThat(ResultFiles.binWidth(30 * 3600, ResultFiles.MAX_CSV_BINS)).isEqualTo(10);
    }

    @Test
    void aRunWithoutDetectionHasAnEmptyTimeToDetectLeftOutOfTheMean(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        List<RunResult> rs = List.of(result("rolling", 0, 1).withExposure(2.0, 10), result("rolling", 1, 1).withExposure(Double.NaN, 0),
                result("rolling", 2, 1).withExposure(4.0, 30));
        ResultFiles.writeAll(rs, dir);
        List<String> lines = java.nio.file.Files.readAllLines(dir.resolve("results.csv"));
        assertThat(lines.getFirst()).endsWith(",time_to_detect_s,blast_radius");
        assertThat(lines.get(2)).endsWith(",,0.0");
        Table summary = ResultFiles.summary(ResultFiles.results(rs));
        Table ttd = summary.where(summary.stringColumn("metric").isEqualTo("time_to_detect_s"));
        assertThat(ttd.doubleColumn("mean").getDouble(0)).isCloseTo(3.0, within(1e-9));
        assertThat(ttd.intColumn("n").getInt(0)).isEqualTo(2);
        Table blast = summary.where(summary.stringColumn("metric").isEqualTo("blast_radius"));
        assertThat(blast.doubleColumn("mean").getDouble(0)).isCloseTo(40 / 3.0, within(1e-9));
        assertThat(blast.intColumn("n").getInt(0)).isEqualTo(3);
    }

    @Test
    void unfinishedRunsAreCountedApartNotAveragedIn() {
        // A timed-out and a never-converging run look perfect (nothing was upgraded): they must not lift the mean.
        List<RunResult> rs = List.of(
                result("imago", 0, 0.9), result("imago", 1, 1.0, Outcome.TIMED_OUT), result("imago", 2, 0.8, Outcome.ROLLED_BACK),
                result("imago", 3, 1.0, Outcome.SYNC_NEVER_CONVERGES),
                result("rolling", 0, 0.5), result("rolling", 1, 0.6), result("rolling", 2, 0.7), result("rolling", 3, 0.8));
        Table results = ResultFiles.results(rs);
        Table summary = ResultFiles.summary(results);
        Table imago = summary.where(summary.stringColumn("scenario").isEqualTo("imago").and(summary.stringColumn("metric").isEqualTo("availability")));
        assertThat(imago.doubleColumn("mean").getDouble(0)).isCloseTo(0.85, within(1e-12));
        assertThat(imago.intColumn("n").getInt(0)).isEqualTo(2);
        assertThat(imago.intColumn("unfinished").getInt(0)).isEqualTo(2);
        Table rolling = summary.where(summary.stringColumn("scenario").isEqualTo("rolling"));
        assertThat(rolling.intColumn("unfinished").asList()).containsOnly(0);

        Table outcomes = ResultFiles.outcomes(results);
        assertThat(outcomes.columnNames()).containsExactly("scenario", "runs", "success", "rolled-back", "production-broken",
                "sync-never-converges", "timed-out");
        assertThat(outcomes.row(0).getString("scenario")).isEqualTo("imago");
        assertThat(List.of(outcomes.row(0).getInt("runs"), outcomes.row(0).getInt("success"), outcomes.row(0).getInt("rolled-back"),
                outcomes.row(0).getInt("sync-never-converges"), outcomes.row(0).getInt("timed-out"))).containsExactly(4, 1, 1, 1, 1);

        // Paired differences only over replications where both arms finished: 0 and 2.
        Table d = ResultFiles.differences(results);
        Table av = d.where(d.stringColumn("metric").isEqualTo("availability"));
        assertThat(av.intColumn("n").getInt(0)).isEqualTo(2);
        assertThat(av.doubleColumn("mean_difference").getDouble(0)).isCloseTo(((0.9 - 0.5) + (0.8 - 0.7)) / 2, within(1e-12));
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
