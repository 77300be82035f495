package imago.experiments.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;

import static imago.experiments.cli.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * imago run --backend executor and imago sim-vs-real as a user calls them: real processes, a real
 * database and real HTTP, on the small data set (about 15 s a run).
 */
class ExecutorCliTest {

    static final String BIDDING = "src/test/resources/bidding-small.yaml";

    private static List<String> column(Path csv, String name) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        int i = List.of(lines.getFirst().split(",", -1)).indexOf(name);
        assertThat(i).as(name + " in " + csv).isNotNegative();
        return lines.subList(1, lines.size()).stream().map(l -> l.split(",", -1)[i]).toList();
    }

    @Test
    void runsAGivenFaultForRealAndWritesTheSimulatorsColumnsPlusTheRawLogs(@TempDir Path out) throws IOException {
        CliTest.Run r = run("run", BIDDING, "--backend", "executor", "--scenario", "in-place-type3", "--out", out.resolve("real").toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("in-place-type3 #0: injects [type 3 at Start on app-2]");
        Path dir = out.resolve("real/bidding-small");
        CliTest.Run sim = run("run", BIDDING, "--scenario", "in-place-type3", "--out", out.resolve("sim").toString());
        assertThat(sim.code()).as(sim.err()).isZero();
        assertThat(Files.readAllLines(dir.resolve("results.csv")).getFirst())
                .isEqualTo(Files.readAllLines(out.resolve("sim/bidding-small/results.csv")).getFirst());
        assertThat(Files.readAllLines(dir.resolve("summary.csv")).getFirst())
                .isEqualTo(Files.readAllLines(out.resolve("sim/bidding-small/summary.csv")).getFirst());
        // The real port squatter broke app-2 in production, as the simulator's given fault does.
        assertThat(column(dir.resolve("results.csv"), "faults_injected")).containsExactly("1.0");
        assertThat(column(dir.resolve("results.csv"), "faults_reached_production")).containsExactly("1.0");
        assertThat(column(out.resolve("sim/bidding-small/results.csv"), "faults_reached_production")).containsExactly("1.0");

        Path logs = dir.resolve("runs/in-place-type3/rep-0");
        List<String> steps = Files.readAllLines(logs.resolve("steps.csv"));
        assertThat(steps.getFirst()).startsWith("number,group,kind,universe,targets,start_s,end_s,duration_s,status");
        // app-2 could not take its port: the Start step failed and the executor rolled production back.
        assertThat(steps).anySatisfy(l -> assertThat(l).contains(",Start,production,").contains(",failed,"));
        assertThat(steps).anySatisfy(l -> assertThat(l).contains(",Rollback,production,"));
        String requests;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(logs.resolve("requests.csv.gz")))) {
            requests = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(requests.lines().count()).isGreaterThan(100);
        assertThat(requests.lines().skip(1)).anySatisfy(l -> assertThat(l).contains(",v1,"));
        assertThat(dir.resolve("run.json")).content().contains("\"backend\" : \"executor\"");
    }

    @Test
    void simVsRealCalibratesTheSimulatorFromTheRealRun(@TempDir Path out) throws IOException {
        CliTest.Run r = run("sim-vs-real", BIDDING, "--scenario", "in-place", "--sim-replications", "5", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("targets met");
        for (String f : new String[]{"real/bidding-small/results.csv", "sim/bidding-small/results.csv",
                "sim-configured/bidding-small/results.csv", "calibration.csv", "comparison.csv", "report.md", "report.html",
                "charts/sim-vs-real-availability.png", "charts/sim-vs-real-unavailable-s.svg"}) {
            assertThat(out.resolve(f)).as(f).isRegularFile();
        }
        List<String> calibration = Files.readAllLines(out.resolve("calibration.csv"));
        assertThat(calibration).anySatisfy(l -> assertThat(l).startsWith("\"schema.offlineRate (rows/s, in place, application stopped)\","));
        assertThat(calibration).anySatisfy(l -> assertThat(l).startsWith("stepTimes.Stop (s),"));
        List<String> metrics = column(out.resolve("comparison.csv"), "metric");
        List<String> verdicts = column(out.resolve("comparison.csv"), "within_target");
        assertThat(metrics).contains("availability", "unavailable_s", "upgrade_duration_s");
        for (int i = 0; i < metrics.size(); i++) {
            boolean targeted = List.of("availability", "unavailable_s", "races", "p99_upgrade_latency_ms", "fate").contains(metrics.get(i));
            assertThat(verdicts.get(i)).as(metrics.get(i)).isIn(targeted ? List.of("true", "false") : List.of(""));
        }
        assertThat(Files.readAllLines(out.resolve("sim/bidding-small/results.csv"))).hasSize(1 + 5);
    }
}
