package imago.experiments.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The CLI as a user runs it: arguments in, exit code and text out. */
class CliTest {

    static final String EXAMPLE = "configs/three-tier.yaml";

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = ImagoCli.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void plansFourScenarios() {
        Run r = run("plan", EXAMPLE);
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("Scenario in-place (in-place)", "Scenario rolling (rolling)",
                "Scenario blue-green (blue-green)", "Scenario imago (imago)");
        assertThat(r.out()).contains("ConvertData (offline)", "Switch (drain sessions)", "RuntimeTest (coverage 0.9)");
    }

    @Test
    void plansOneScenarioAsJson() throws IOException {
        Run r = run("plan", EXAMPLE, "--scenario", "rolling", "--json");
        assertThat(r.code()).isZero();
        JsonNode plans = new ObjectMapper().readTree(r.out());
        assertThat(plans).hasSize(1);
        assertThat(plans.get(0).get("strategy").asText()).isEqualTo("rolling");
        JsonNode steps = plans.get(0).get("steps");
        assertThat(steps.get(0).get("step").asText()).isEqualTo("ConvertData");
        // web has 2 and app 4 replicas, upgraded one at a time: 6 batches of Drain/Stop/Install/Configure/Start.
        assertThat(steps.size()).isEqualTo(1 + 6 * 5);
    }

    @Test
    void aRollingPlanGivesItsResolvedKnobsPerTier(@TempDir Path dir) throws IOException {
        Path config = Files.writeString(dir.resolve("k8s.yaml"), Files.readString(Path.of(EXAMPLE)).replace(
                "strategy: {kind: rolling, maxSurge: 0, maxUnavailable: 1, readinessDelay: 10}",
                "strategy: {kind: rolling, maxSurge: {app: \"100%\"}, maxUnavailable: \"75%\", progressDeadline: 120}"));
        Run r = run("plan", config.toString(), "--scenario", "rolling", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode rollout = new ObjectMapper().readTree(r.out()).get(0).get("rollout");
        // web (2): 25% surge rounds up to 1, 75% unavailable down to 1; app (4): 100% is 4, 75% is 3.
        assertThat(rollout.toString()).isEqualTo(
                "{\"web\":{\"maxSurge\":1,\"maxUnavailable\":1},\"app\":{\"maxSurge\":4,\"maxUnavailable\":3}}");
        Run table = run("plan", config.toString(), "--scenario", "rolling");
        assertThat(table.out()).contains("Rollout: web maxSurge 1, maxUnavailable 1; app maxSurge 4, maxUnavailable 3; "
                + "progress deadline");
        // Strategies that do not roll have no rollout.
        assertThat(new ObjectMapper().readTree(run("plan", EXAMPLE, "--scenario", "imago", "--json").out()).get(0).has("rollout"))
                .isFalse();
    }

    @Test
    void aBadRollingKnobIsOneLocatedLineAndExitCode2(@TempDir Path dir) throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.yaml"), Files.readString(Path.of(EXAMPLE))
                .replace("maxSurge: 0, maxUnavailable: 1, readinessDelay: 10}", "maxSurge: \"25\", maxUnavailable: 1, readinessDelay: 10}"));
        Run r = run("plan", bad.toString());
        assertThat(r.code()).isEqualTo(2);
        int line = Files.readAllLines(bad).indexOf(Files.readAllLines(bad).stream().filter(l -> l.contains("maxSurge: \"25\"")).findFirst().orElseThrow()) + 1;
        assertThat(r.err()).startsWith("imago: " + bad + ":" + line + ":").contains(
                "scenarios[1].strategy.maxSurge: a string must be a percentage such as \"25%\"").doesNotContain("\n" + "imago");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void everySubcommandExplainsItself() {
        for (String command : new String[]{"validate", "plan", "run", "merge", "faultmodel", "reproduce", "sim-vs-real", "bench", "advise"}) {
            Run r = run(command, "--help");
            assertThat(r.code()).as(command + ": " + r.err()).isZero();
            assertThat(r.out()).as(command).startsWith("Usage: imago " + command);
            assertThat(r.err()).as(command).isEmpty();
        }
    }

    @Test
    void validatesTheExample() {
        Run r = run("validate", EXAMPLE);
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("valid", "5 scenarios");
    }

    @Test
    void aBadConfigIsOneLocatedLineAndExitCode2(@TempDir Path dir) throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.yaml"),
                Files.readString(Path.of(EXAMPLE)).replace("replicas: 4", "replicas: 0"));
        Run r = run("plan", bad.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("imago: " + bad + ":14:49: system.tiers[2].replicas: must be >= 1 (was 0)"
                + System.lineSeparator());
        assertThat(r.out()).isEmpty();
    }

    @Test
    void aRequestTypeNamingATableTheSchemaDoesNotConvertIsBadInput(@TempDir Path dir) throws IOException {
        biddingRejects(dir, "tables: [bids]}", "tables: [users]}", "name: place-bid",
                ": workload.mix[3].tables[0]: no table named 'users' in upgrade.schema.tables (expected one of items, bids)");
    }

    @Test
    void aRequestTypesCostMustBePositive(@TempDir Path dir) throws IOException {
        biddingRejects(dir, "tables: [bids]}", "tables: [bids], cost: 0}", "name: place-bid",
                ": workload.mix[3].cost: must be > 0 (was 0)");
        biddingRejects(dir, "    from: [place-bid]", "    cost: -1.5\n    from: [place-bid]", "cost: -1.5",
                ": workload.async.cost: must be > 0 (was -1.5)");
    }

    /** The bidding example with {@code from} replaced by {@code to} is refused in one line located where {@code at} ends up. */
    private void biddingRejects(Path dir, String from, String to, String at, String expected) throws IOException {
        Path bidding = Path.of(EXAMPLE).resolveSibling("bidding.yaml");
        List<String> lines = Files.readString(bidding).replace(from, to).lines().toList();
        int line = 1 + IntStream.range(0, lines.size()).filter(i -> lines.get(i).contains(at)).findFirst().orElseThrow();
        Path bad = Files.writeString(dir.resolve("bad.yaml"), String.join("\n", lines) + "\n");
        Run r = run("validate", bad.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith("imago: " + bad + ":" + line + ":").contains(expected).hasLineCount(1);
        assertThat(r.out()).isEmpty();
    }

    @Test
    void verboseAddsTheStackTrace(@TempDir Path dir) {
        Run r = run("--verbose", "validate", dir.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith("imago: " + dir + ": is a directory, not a config file");
        assertThat(r.err()).contains("at imago.");
    }

    @Test
    void aMissingFileIsBadInput() {
        Run r = run("validate", "no/such.yaml");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("imago: no/such.yaml: no such file" + System.lineSeparator());
    }

    @Test
    void anUnknownScenarioIsBadInput() {
        Run r = run("plan", EXAMPLE, "--scenario", "canary");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("no scenario named 'canary' (has in-place, rolling, blue-green, imago, dependency-ordered)");
    }

    @Test
    void anUnknownOptionIsBadInput() {
        Run r = run("plan", EXAMPLE, "--frobnicate");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("Unknown option: '--frobnicate'");
    }

    @Test
    void helpAndVersion() {
        assertThat(run("--help").out()).contains("validate", "plan");
        assertThat(run("--version").out()).startsWith("imago ");
        assertThat(run().code()).isEqualTo(2);
    }
}
