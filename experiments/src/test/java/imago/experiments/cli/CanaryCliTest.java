package imago.experiments.cli;

import imago.experiments.cli.CliTest.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static imago.experiments.cli.CliTest.EXAMPLE;
import static imago.experiments.cli.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code imago plan} and {@code validate} on the example with a canary scenario added. */
class CanaryCliTest {

    private static final String CANARY = """
              - name: canary
                strategy: {kind: canary, steps: [{setWeight: 10}, {pause: 30},
                  {analysis: {metric: error-rate, threshold: 0.05, interval: 5, count: 3}}, {setWeight: 50}, {setWeight: 100}]}
            """;

    private static Path withCanary(Path dir, boolean compatible) throws IOException {
        String yaml = Files.readString(Path.of(EXAMPLE)) + CANARY;
        // Compatible: the example's changes (an indented block of operations) given as the shorthand instead.
        return Files.writeString(dir.resolve("canary.yaml"), compatible
                ? yaml.replaceFirst("(?m)^    changes:.*\n(^      - .*\n)+", "    compatible: true\n") : yaml);
    }

    @Test
    void plansTheCanarysWeightsAndAnalysis(@TempDir Path dir) throws IOException {
        Run r = run("plan", withCanary(dir, true).toString(), "--scenario", "canary");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("Scenario canary (canary)", "SetWeight 0%", "SetWeight 10%", "SetWeight 50%", "SetWeight 100%",
                "Analysis (error-rate > 0.05 fails; 3 x ");
    }

    @Test
    void refusesACanaryOverAnIncompatibleSchemaChangeWithExitCode2(@TempDir Path dir) throws IOException {
        Path bad = withCanary(dir, false);
        Run r = run("validate", bad.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith("imago: " + bad + ":").contains(": scenarios[5].strategy.kind: a canary needs a compatible"
                + " schema change (upgrade.schema.changes[0], change-type of items, breaks the old version): old and new versions"
                + " would share data neither can read;"
                + " use imago or blue-green");
        assertThat(r.err().strip()).doesNotContain("\n");
    }
}
