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

/** {@code upgrade.schema.changes} through the CLI: bad operations are exit 2, lint names the operation, the executor refuses what it cannot do. */
class SchemaChangesCliTest {

    @Test
    void anUnknownOperationIsOneLocatedLineAndExitCode2(@TempDir Path dir) throws IOException {
        String yaml = Files.readString(Path.of(EXAMPLE));
        Path bad = Files.writeString(dir.resolve("bad.yaml"), yaml.replace("{op: change-type, table: items", "{op: retype, table: items"));
        int line = yaml.lines().toList().indexOf(yaml.lines().filter(l -> l.contains("{op: change-type, table: items")).findFirst().orElseThrow()) + 1;
        Run r = run("validate", bad.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).startsWith("imago: " + bad + ":" + line + ":")
                .contains(": upgrade.schema.changes[0].op: unknown operation 'retype'").doesNotContain("\n");
    }

    @Test
    void lintPointsAtTheOperationOfTheExample() {
        Run r = run("lint", EXAMPLE, "--scenario", "rolling");
        assertThat(r.code()).as(r.err()).isEqualTo(1);
        assertThat(r.out()).contains("warning: type-change-breaks-old-version: scenario 'rolling' (rolling) keeps old-version app nodes"
                + " serving after changes[0] changes the type of items.price to decimal(12,2)");
        assertThat(r.out()).doesNotContain("rolling-incompatible-schema");
    }

    @Test
    void planShowsTheExpansionBeforeTheRolloutAndTheContractionAfter(@TempDir Path dir) throws IOException {
        String yaml = Files.readString(Path.of(EXAMPLE));
        String rolling = yaml.lines().filter(l -> l.contains("strategy: {kind: rolling,")).findFirst().orElseThrow();
        Path config = Files.writeString(dir.resolve("ec.yaml"), yaml.replace(rolling, rolling.replace("}", ", expandContract: true}")));
        Run r = run("plan", config.toString(), "--scenario", "rolling");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("ConvertData (online, expand)", "ConvertData (online, contract)");
        assertThat(r.out().indexOf("(online, expand)")).isLessThan(r.out().indexOf("Start")).isLessThan(r.out().indexOf("(online, contract)"));
    }

    @Test
    void theExecutorRefusesExpandContractWithExitCode2(@TempDir Path dir) throws IOException {
        String yaml = Files.readString(Path.of("configs/bidding.yaml"));
        // Renames and type changes alone: expandable, and v2's access, but the build has no expand/contract migration.
        String rolling = yaml.lines().filter(l -> l.contains("{name: rolling, strategy: {kind: rolling,")).findFirst().orElseThrow();
        String expandable = String.join("\n", yaml.lines().filter(l -> !l.contains("column: currency, nullable: false")).toList())
                .replace(rolling, rolling.replace("}}", ", expandContract: true}}"));
        Path config = Files.writeString(dir.resolve("ec.yaml"), expandable);
        Run r = run("run", config.toString(), "--backend", "executor", "--scenario", "rolling", "--out", dir.resolve("out").toString());
        assertThat(r.code()).isEqualTo(2);
        int line = expandable.lines().toList().indexOf(expandable.lines().filter(l -> l.contains("expandContract: true")).findFirst().orElseThrow()) + 1;
        assertThat(r.err().strip()).startsWith("imago: " + config + ":" + line + ":")
                .contains(": scenarios[1].strategy.expandContract: not a system the executor can run").doesNotContain("\n");
        assertThat(dir.resolve("out")).doesNotExist();
    }
}
