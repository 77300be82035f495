package imago.experiments.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static imago.experiments.cli.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

/** imago run / merge / faultmodel as a user calls them. */
class RunCliTest {

    static final String SMALL = "src/test/resources/small.yaml";

    static long files(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return 0;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).count();
        }
    }

    @Test
    void runWritesResultsChartsAndAReport(@TempDir Path out) throws IOException {
        CliTest.Run r = run("run", SMALL, "--replications", "2", "--threads", "2", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        Path dir = out.resolve("small");
        for (String f : new String[]{"results.csv", "summary.csv", "outcomes.csv", "timeline.csv.gz", "run.json", "report.md", "report.html",
                "charts/availability.png", "charts/availability.svg", "charts/availability.pdf", "charts/timeline.png"}) {
            assertThat(dir.resolve(f)).as(f).isRegularFile();
        }
        assertThat(Files.readString(dir.resolve("results.csv")).lines().count()).isEqualTo(1 + 3 * 2);
        String html = Files.readString(dir.resolve("report.html"));
        assertThat(html).contains("<svg").doesNotContain("src=\"charts/");
        assertThat(r.out()).contains("in-place", "rolling", "imago", "Wrote results.csv");
        assertThat(dir.resolve(".partial")).doesNotExist();
        // A metric that is 0 in every run of every scenario gets no chart of empty bars; one that varies does.
        java.util.List<String> rows = Files.readAllLines(dir.resolve("results.csv"));
        java.util.List<String> header = java.util.List.of(rows.getFirst().split(","));
        for (String metric : imago.experiments.study.ExperimentReport.HEADLINE) {
            int c = header.indexOf(metric);
            boolean allZero = rows.stream().skip(1).map(l -> l.split(",", -1)[c]).allMatch(v -> v.isEmpty() || Double.parseDouble(v) == 0);
            assertThat(dir.resolve("charts/" + metric + ".svg")).as(metric).matches(p -> Files.exists(p) != allZero);
        }
    }

    @Test
    void shardsMergeIntoTheSingleRunsFiles(@TempDir Path out) throws IOException {
        assertThat(run("run", SMALL, "--replications", "2", "--out", out.resolve("whole").toString()).code()).isZero();
        for (String shard : new String[]{"1/2", "2/2"}) {
            CliTest.Run r = run("run", SMALL, "--replications", "2", "--shard", shard, "--out", out.resolve("s" + shard.charAt(0)).toString());
            assertThat(r.code()).as(r.err()).isZero();
        }
        CliTest.Run m = run("merge", out.resolve("s1/small").toString(), out.resolve("s2/small").toString(), "--out", out.resolve("merged").toString());
        assertThat(m.code()).as(m.err()).isZero();
        for (String f : imago.experiments.run.ResultFiles.TABLE_FILES) {
            assertThat(Files.readAllBytes(out.resolve("merged").resolve(f))).as(f)
                    .isEqualTo(Files.readAllBytes(out.resolve("whole/small").resolve(f)));
        }
    }

    @Test
    void aSyncThatNeverConvergesIsWarnedAboutAndCountedApart(@TempDir Path out) throws IOException {
        String stuck = "src/test/resources/stuck-sync.yaml";
        CliTest.Run v = run("validate", stuck);
        assertThat(v.code()).isZero();
        assertThat(v.err()).contains("warning", "imago: the data sync", "cannot converge", "converts 3 rows/s",
                "writes 4 rows/s (peak 4 rows/s)").doesNotContain("in-place:", "rolling:");

        CliTest.Run r = run("run", stuck, "--replications", "2", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        Path dir = out.resolve("stuck");
        assertThat(Files.readAllLines(dir.resolve("outcomes.csv"))).containsExactly(
                "scenario,runs,success,rolled-back,production-broken,sync-never-converges,timed-out",
                // Rolling's new nodes fail on rows not converted yet: the production monitor rolls it back.
                "in-place,2,2,0,0,0,0", "rolling,2,0,2,0,0,0", "imago,2,0,0,0,2,0");
        // Imago's runs upgraded nothing, so they served perfectly: no mean may say so.
        assertThat(Files.readAllLines(dir.resolve("summary.csv"))).contains("imago,availability,,,,0,2")
                .anyMatch(l -> l.startsWith("in-place,availability,") && l.endsWith(",2,0"));
        assertThat(r.out()).contains("Warning: some runs did not finish", "imago: 2 of 2 runs (2 sync-never-converges)", "n/a");
        for (String report : new String[]{"report.md", "report.html"}) {
            assertThat(Files.readString(dir.resolve(report))).as(report)
                    .contains("Warning: some runs did not finish", "sync-never-converges", "0/2 ⚠");
        }
    }

    @Test
    void aSyncThatFallsBehindAtPeakIsWarnedAbout(@TempDir Path tmp) throws IOException {
        Path peak = tmp.resolve("peak.yaml");
        Files.writeString(peak, Files.readString(Path.of("src/test/resources/stuck-sync.yaml"))
                .replace("arrivals: {rate: 20}", "arrivals: {profile: [{at: 0, rate: 10}, {at: 30, rate: 40}]}"));
        CliTest.Run v = run("validate", peak.toString());
        assertThat(v.code()).isZero();
        assertThat(v.err()).contains("falls behind at peak load", "converts 3 rows/s", "writes 2 rows/s (peak 8 rows/s)");
    }

    @Test
    void aPlanLongerThanTheGuardIsWarnedAboutAndItsTimedOutRunsCountedApart(@TempDir Path tmp) throws IOException {
        Path guarded = tmp.resolve("guard.yaml");
        Files.writeString(guarded, Files.readString(Path.of(SMALL)).replace("name: small", "name: guard")
                .replace("window: {pre: 10, post: 10}", "window: {pre: 10, post: 10}\nmaxSimulatedTime: 15"));
        CliTest.Run v = run("validate", guarded.toString());
        assertThat(v.code()).isZero();
        assertThat(v.err()).contains("in-place: the plan is expected to take", "more than maxSimulatedTime 15 s; runs will end timed-out");

        CliTest.Run r = run("run", guarded.toString(), "--replications", "2", "--out", tmp.resolve("out").toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(Files.readAllLines(tmp.resolve("out/guard/outcomes.csv"))).contains("in-place,2,0,0,0,0,2");
        assertThat(r.out()).contains("in-place: 2 of 2 runs (2 timed-out)");
    }

    record Bad(String[] args, String message) {
    }

    @Test
    void badInputIsOneLineExitCode2AndWritesNothing(@TempDir Path tmp) throws IOException {
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        Path out = tmp.resolve("out");
        String small = Files.readString(Path.of(SMALL));
        Path huge = Files.writeString(tmp.resolve("huge.yaml"), small.replace("rate: 20}", "rate: 1e12}"));
        Path trillion = Files.writeString(tmp.resolve("trillion.yaml"), Files.readString(Path.of(ExecutorCliTest.BIDDING))
                .replace("users: 2000,", "users: 1000000000000,"));
        Path longName = Files.writeString(tmp.resolve("long.yaml"), small.replace("name: small", "name: " + "x".repeat(101)));
        Path monitor = Files.writeString(tmp.resolve("monitor.yaml"), "monitor: {threshold: 1.5}\n" + small);
        Path window = Files.writeString(tmp.resolve("window.yaml"), "monitor: {window: 0}\n" + small);
        Bad[] cases = {
                new Bad(new String[]{"run", SMALL, "--shard", "3/2", "--out", out.toString()}, "--shard: a shard is i/N with 1 <= i <= N (was 3/2)"),
                new Bad(new String[]{"run", SMALL, "--shard", "two", "--out", out.toString()}, "--shard: a shard is i/N, e.g. 2/8 (was 'two')"),
                new Bad(new String[]{"run", SMALL, "--replications", "0", "--out", out.toString()}, "--replications: must be >= 1 (was 0)"),
                new Bad(new String[]{"run", SMALL, "--replications", "-2", "--out", out.toString()}, "--replications: must be >= 1 (was -2)"),
                new Bad(new String[]{"run", SMALL, "--threads", "0", "--out", out.toString()}, "--threads: must be >= 1 (was 0)"),
                new Bad(new String[]{"run", SMALL, "--backend", "cloud", "--out", out.toString()}, "--backend: must be sim or executor (was 'cloud')"),
                new Bad(new String[]{"run", SMALL, "--scenario", "canary", "--out", out.toString()}, "no scenario named 'canary'"),
                new Bad(new String[]{"run", SMALL, "--backend", "executor", "--out", out.toString()},
                        "small.yaml: not a system the executor can run: the bidding testbed has one ingress"),
                new Bad(new String[]{"sim-vs-real", SMALL, "--out", out.toString()}, "small.yaml: not a system the executor can run"),
                new Bad(new String[]{"sim-vs-real", ExecutorCliTest.BIDDING, "--sim-replications", "1", "--out", out.toString()},
                        "--sim-replications: must be >= 2 for a confidence interval (was 1)"),
                new Bad(new String[]{"sim-vs-real", ExecutorCliTest.BIDDING, "--replications", "0", "--out", out.toString()},
                        "--replications: must be >= 1 (was 0)"),
                new Bad(new String[]{"run", SMALL, "--out", file.toString()}, "cannot write the output folder"),
                new Bad(new String[]{"merge", tmp.resolve("nope").toString(), "--out", out.toString()}, "no run.json; not a finished run's folder"),
                new Bad(new String[]{"faultmodel", "--k", "1", "--out", out.toString()}, "--k: must be auto or 2..10 (was 1)"),
                new Bad(new String[]{"faultmodel", "--method", "ward", "--out", out.toString()}, "--method: must be upgma or kmodes (was 'ward')"),
                new Bad(new String[]{"faultmodel", "--data", file.toString(), "--out", out.toString()}, file.toString()),
                new Bad(new String[]{"faultmodel", "--data", tmp.resolve("none.csv").toString(), "--out", out.toString()}, "none.csv"),
                new Bad(new String[]{"run", SMALL, "--out", ""}, "--out: must name a folder (was empty)"),
                new Bad(new String[]{"merge", tmp.resolve("nope").toString(), "--out", ""}, "--out: must name a folder (was empty)"),
                new Bad(new String[]{"faultmodel", "--out", ""}, "--out: must name a folder (was empty)"),
                new Bad(new String[]{"run", huge.toString(), "--out", out.toString()}, huge + ": this run would take about "),
                new Bad(new String[]{"run", SMALL, "--max-runs", "10", "--out", out.toString()},
                        "small.yaml: this run would take about 12 runs, over the limit of 10; if that is meant, run again with --force (or raise the limit with --max-runs N)"),
                new Bad(new String[]{"run", SMALL, "--max-rows", "0", "--out", out.toString()}, "--max-rows: must be > 0 (was 0)"),
                new Bad(new String[]{"run", trillion.toString(), "--backend", "executor", "--out", out.toString()},
                        "trillion.yaml: this run would take about 1.0e+12 database rows per run, over the limit of 1.0e+08"),
                new Bad(new String[]{"sim-vs-real", trillion.toString(), "--out", out.toString()}, "1.0e+12 database rows per run"),
                new Bad(new String[]{"run", longName.toString(), "--out", out.toString()}, "long.yaml:2:7: name: is longer than 100 characters (101)"),
                new Bad(new String[]{"run", monitor.toString(), "--out", out.toString()},
                        "monitor.yaml:1:22: monitor.threshold: must be in (0, 1]: a share of the requests a node served (was 1.5)"),
                new Bad(new String[]{"validate", window.toString()}, "window.yaml:1:19: monitor.window: must be > 0 (was 0)"),
        };
        for (Bad b : cases) {
            CliTest.Run r = run(b.args());
            assertThat(r.code()).as(String.join(" ", b.args()) + ": " + r.err()).isEqualTo(2);
            assertThat(r.err()).as(String.join(" ", b.args())).contains(b.message()).doesNotContain("\tat ");
            assertThat(r.err().lines().count()).as(r.err()).isEqualTo(1);
            assertThat(out).as("nothing written for " + String.join(" ", b.args())).doesNotExist();
        }
    }

    @Test
    void forceRunsWorkOverALimit(@TempDir Path out) {
        CliTest.Run r = run("run", SMALL, "--replications", "1", "--max-runs", "2", "--force", "--shard", "1/1",
                "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
    }

    @Test
    void aRunResumesAfterAForeignPartialIsRefused(@TempDir Path out) throws IOException {
        Path partial = out.resolve("small/.partial");
        Files.createDirectories(partial);
        Files.writeString(partial.resolve("identity.json"),
                "{\"configSha256\":\"another\",\"seed\":1,\"shard\":\"all\",\"backend\":\"sim\"}");
        CliTest.Run r = run("run", SMALL, "--replications", "2", "--out", out.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("partial results of another run").contains("remove it or choose another --out");
        assertThat(out.resolve("small/results.csv")).doesNotExist();
    }
}
