package imago.experiments.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static imago.experiments.cli.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code imago advise} as a user runs it, on the small test system. */
class AdviseCliTest {

    static final String SMALL = "src/test/resources/small.yaml";

    @Test
    void recommendsACandidateAndWritesWhy(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("advice");
        CliTest.Run r = run("advise", SMALL, "--require", "races_error+races_silent<=0", "--minimize", "upgrade_duration_s",
                "--initial", "3", "--max-replications", "6", "--threads", "2", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isIn(0, 3);
        List<String> csv = Files.readAllLines(out.resolve("advice.csv"));
        assertThat(csv.getFirst()).startsWith("candidate,scenario,strategy,fate,replications,races_error,");
        // in-place, rolling at maxUnavailable 1 and 2 x maxSurge 0 and 1, imago at each default test duration x coverage
        assertThat(csv).hasSize(1 + 1 + 4 + 9);
        assertThat(out.resolve("advice.md")).exists();
        assertThat(out.resolve("advice.html")).exists();
        assertThat(out.resolve("charts/pareto.svg")).exists();
        if (r.code() == 0) {
            assertThat(r.out()).startsWith("recommended: ");
            assertThat(csv.stream().filter(l -> l.contains(",recommended,"))).hasSize(1);
        }
        // Rolling lets versions race and takes longer than in place: it is dropped.
        assertThat(csv.stream().filter(l -> l.startsWith("\"rolling")).toList()).allMatch(l -> l.contains("dropped"));
    }

    @Test
    void exitsThreeAndNamesTheClosestMissWhenNothingMeetsTheRequirements(@TempDir Path tmp) {
        CliTest.Run r = run("advise", SMALL, "--require", "upgrade_duration_s<=1", "--initial", "3", "--max-replications", "3",
                "--out", tmp.resolve("a").toString());
        assertThat(r.code()).as(r.err()).isEqualTo(3);
        assertThat(r.out()).startsWith("no candidate meets the requirements: ").contains("came closest", "upgrade_duration_s<=1");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "availability=>0.9|--require 'availability=>0.9': expected METRIC",
            "uptime>=0.9|unknown metric 'uptime'",
            "availability>=x|'x' is not a number"})
    void badRequirementsAreBadInput(String requirement, String message, @TempDir Path tmp) {
        CliTest.Run r = run("advise", SMALL, "--require", requirement, "--out", tmp.resolve("a").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains(message);
        assertThat(r.err().lines().count()).isEqualTo(1);
        assertThat(tmp.resolve("a")).doesNotExist();
    }

    @Test
    void contradictoryRequirementsAndUnknownObjectiveAreBadInput(@TempDir Path tmp) {
        CliTest.Run c = run("advise", SMALL, "--require", "availability>=0.99", "availability<0.5", "--out", tmp.resolve("a").toString());
        assertThat(c.code()).isEqualTo(2);
        assertThat(c.err()).contains("contradict");
        CliTest.Run m = run("advise", SMALL, "--require", "availability>=0.99", "--minimize", "cost", "--out", tmp.resolve("a").toString());
        assertThat(m.code()).isEqualTo(2);
        assertThat(m.err()).contains("--minimize: unknown metric 'cost'");
        assertThat(tmp.resolve("a")).doesNotExist();
    }

    @Test
    void anAdviseGridOfNonStrategyKnobsOrOfNoScenarioIsALocatedError(@TempDir Path tmp) throws IOException {
        String base = Files.readString(Path.of(SMALL));
        Path load = tmp.resolve("load.yaml");
        Files.writeString(load, base + "advise:\n  grid: {workload.rate: [10, 20]}\n");
        CliTest.Run r = run("advise", load.toString(), "--require", "availability>=0.9", "--out", tmp.resolve("a").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).containsPattern("load.yaml:\\d+:\\d+: advise.grid.workload.rate: not a strategy knob");
        Path none = tmp.resolve("none.yaml");
        Files.writeString(none, base.replace("  - {name: rolling, strategy: {kind: rolling, maxUnavailable: 1, readinessDelay: 1}}\n", "")
                + "advise:\n  grid: {rolling.maxSurge: [0, 1]}\n");
        CliTest.Run n = run("advise", none.toString(), "--require", "availability>=0.9", "--out", tmp.resolve("a").toString());
        assertThat(n.code()).isEqualTo(2);
        assertThat(n.err()).contains("advise.grid.rolling.maxSurge", "applies to no scenario");
    }

    @Test
    void theRecommendationComesWithItsLintFindings(@TempDir Path tmp) throws IOException {
        String base = Files.readString(Path.of(SMALL));
        Path rollingOnly = tmp.resolve("rolling.yaml");
        Files.writeString(rollingOnly, base.replace("  - {name: in-place, strategy: in-place}\n", "")
                .replace("  - {name: imago, strategy: {kind: imago, testCoverage: 0.9, testDuration: 5}}\n", ""));
        CliTest.Run r = run("advise", rollingOnly.toString(), "--require", "availability>=0", "--initial", "5",
                "--max-replications", "5", "--out", tmp.resolve("a").toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("recommended: rolling").containsPattern("  lint: .*rolling.yaml:\\d+:\\d+: warning: rolling-incompatible-schema: ");
    }
}
