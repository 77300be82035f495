package imago.experiments.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static imago.experiments.cli.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code imago sim-vs-real --from-real}: the simulator side only, from real runs saved earlier. */
class SimVsRealFromRealTest {

    private static final String CONFIG = "configs/paper/sim-vs-real.yaml";
    private static final Path SAVED = Path.of("src/test/resources/sim-vs-real-saved");

    @Test
    void calibratesAndComparesFromSavedRealRunsWithoutRunningThem(@TempDir Path out) throws IOException {
        CliTest.Run r = run("sim-vs-real", CONFIG, "--from-real", SAVED.toString(), "--sim-replications", "2",
                "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("targets met");
        assertThat(out.resolve("real")).doesNotExist();                      // nothing real ran
        for (String f : new String[]{"sim/sim-vs-real/results.csv", "sim-configured/sim-vs-real/results.csv", "calibration.csv",
                "comparison.csv", "report.md", "report.html"}) {
            assertThat(out.resolve(f)).as(f).isRegularFile();
        }
        List<String> comparison = Files.readAllLines(out.resolve("comparison.csv"));
        assertThat(comparison.getFirst()).endsWith(",target,within_target,within_target_or_real_ci,detail");
        // One row per scenario and compared quantity, the faulty scenario's fate among them, each with a verdict.
        for (String row : new String[]{"in-place,availability,", "in-place,races,", "in-place,p99_upgrade_latency_ms,",
                "in-place-type1,unavailable_s,", "in-place-type1,fate,"}) {
            assertThat(comparison).as(row).filteredOn(l -> l.startsWith(row)).hasSize(1)
                    .allSatisfy(l -> assertThat(l).containsPattern(",(true|false),"));
        }
        assertThat(comparison).noneMatch(l -> l.startsWith("in-place,fate,"));  // no fault, no fate
        assertThat(Files.readAllLines(out.resolve("sim/sim-vs-real/results.csv"))).hasSize(1 + 2 * 2);
        String report = Files.readString(out.resolve("report.md"));
        assertThat(report).contains("Misses and their measured causes", "detected and reversed 1/1");
        // Every missed target carries its measured cause.
        assertThat(comparison).filteredOn(l -> l.contains(",false,")).allSatisfy(l -> assertThat(l).doesNotEndWith(",false,"));
    }

    record Bad(List<String> args, String message) {
    }

    @Test
    void refusesAFolderWithoutTheRealRunsLogs(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("out");
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        Path noSteps = imago.experiments.simvsreal.RealRunsTestAccess.copy(tmp.resolve("no-steps"));
        Files.delete(noSteps.resolve("runs/in-place/rep-0/steps.csv"));
        Path otherScenario = imago.experiments.simvsreal.RealRunsTestAccess.copy(tmp.resolve("other"));
        Files.writeString(otherScenario.resolve("results.csv"), Files.readString(otherScenario.resolve("results.csv"))
                .replace("in-place-type1,", "canary,"));
        Files.move(otherScenario.resolve("runs/in-place-type1"), otherScenario.resolve("runs/canary"));
        Bad[] cases = {
                new Bad(List.of("--from-real", empty.toString()), "no results.csv; not the real runs' folder"),
                new Bad(List.of("--from-real", tmp.resolve("nope").toString()), "--from-real: no such folder"),
                new Bad(List.of("--from-real", noSteps.toString()), "steps.csv: missing; the real run's logs are needed"),
                new Bad(List.of("--from-real", otherScenario.toString()), "scenario 'canary' is not in"),
                new Bad(List.of("--from-real", SAVED.toString(), "--replications", "2"), "--replications and --scenario do not apply"),
                new Bad(List.of("--from-real", SAVED.toString(), "--sim-replications", "1"), "--sim-replications: must be >= 2"),
        };
        for (Bad b : cases) {
            List<String> args = new java.util.ArrayList<>(List.of("sim-vs-real", CONFIG, "--out", out.toString()));
            args.addAll(b.args());
            CliTest.Run r = run(args.toArray(String[]::new));
            assertThat(r.code()).as(args + ": " + r.err()).isEqualTo(2);
            assertThat(r.err()).as(String.join(" ", args)).contains(b.message()).doesNotContain("\tat ");
            assertThat(r.err().lines().count()).as(r.err()).isEqualTo(1);
            assertThat(out).as("nothing written for " + args).doesNotExist();
        }
    }
}
