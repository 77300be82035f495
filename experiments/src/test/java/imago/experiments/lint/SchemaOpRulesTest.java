package imago.experiments.lint;

import imago.experiments.stats.Summary;
import imago.model.config.YamlTree;
import imago.model.metrics.RunResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static imago.experiments.lint.LintRulesTest.OWN_HOSTS;
import static imago.experiments.lint.LintRulesTest.NO_LIBS;
import static imago.experiments.lint.LintRulesTest.config;
import static imago.experiments.lint.LintRulesTest.difference;
import static imago.experiments.lint.LintRulesTest.simulate;
import static imago.experiments.lint.LintRulesTest.summary;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rules on hazardous schema operations against the simulator: the rolling upgrade that
 * triggers one loses availability to old nodes failing on the converted table; the nearest config
 * that does not (expand/contract, or a harmless operation) loses none. Each finding points at the
 * operation, {@code upgrade.schema.changes[1]}, and names the plan steps.
 */
class SchemaOpRulesTest {

    private static final String ROLLING = "{name: s, strategy: {kind: rolling, maxUnavailable: 1, readinessDelay: 1}}";
    private static final String EXPAND_CONTRACT = "{name: s, strategy: {kind: rolling, maxUnavailable: 1, readinessDelay: 1, expandContract: true}}";

    /** One table with listed columns; an index first, so the operation under test is changes[1]. */
    static String schema(String op) {
        return "{database: db, conversionRate: 200, tables: [{name: items, rows: 2000, columns: [id, price, name]}],"
                + " changes: [{op: add-index, table: items, column: name}, " + op + "]}";
    }

    @TempDir
    Path tmp;

    Path write(String yaml) throws IOException {
        return LintRulesTest.write(tmp, yaml);
    }

    /** Lints {@code bad} and {@code good}; the first has exactly {@code rule}, at changes[1], the second nothing. */
    void lintsOnlyTheBadOne(String rule, Path bad, Path good) {
        List<Finding> found = Linter.lint(bad, Optional.empty());
        assertThat(found).extracting(Finding::rule).containsExactly(rule);
        Finding f = found.getFirst();
        assertThat(f.location()).isEqualTo(new Locator(YamlTree.read(bad)).of("upgrade.schema.changes[1]"))
                .isNotEqualTo(new Locator(YamlTree.read(bad)).of("upgrade.schema.changes[0]"));
        assertThat(f.steps()).isNotEmpty();
        assertThat(f.line()).contains("warning: " + rule + ": scenario 's' (rolling)");
        assertThat(Linter.lint(good, Optional.empty())).isEmpty();
    }

    /** Harm: the bad config's unplanned unavailability exceeds the good one's (paired 95% interval above 0), which has none. */
    static void harmOnlyInTheBadOne(Path bad, Path good) {
        List<RunResult> b = simulate(bad);
        List<RunResult> g = simulate(good);
        Summary d = difference(b, g, RunResult::unplannedUnavailableS);
        assertThat(d.ciLow()).isGreaterThan(0);
        assertThat(summary(g, RunResult::unplannedUnavailableS).mean()).isZero();
    }

    private Path rolling(String op, String scenario) throws IOException {
        return write(config(schema(op), scenario, OWN_HOSTS, NO_LIBS, 0));
    }

    /** The operations expand/contract can run: the same rolling upgrade with expandContract: true is the nearest harmless config. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "rename-breaks-old-version       | {op: rename-column, table: items, column: price, to: price_usd}",
            "type-change-breaks-old-version  | {op: change-type, table: items, column: price, type: 'decimal(12,2)'}",
            "drop-column-read-by-old-version | {op: drop-column, table: items, column: price}"})
    void expandContractRemovesTheHarm(String rule, String op) throws IOException {
        Path bad = rolling(op, ROLLING);
        Path good = rolling(op, EXPAND_CONTRACT);
        lintsOnlyTheBadOne(rule, bad, good);
        harmOnlyInTheBadOne(bad, good);
    }

    /**
     * Operations expand/contract does not run, or that need no expansion to be harmless: the nearest
     * harmless config changes the operation (a backfill instead of a dropped table, a default or a
     * nullable column instead of a required one without a default).
     */
    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "drop-table-used-by-old-version | {op: drop-table, table: items}                                      | {op: backfill, table: items, column: price}",
            "not-null-without-default       | {op: add-not-null, table: items, column: name}                      | {op: add-not-null, table: items, column: name, default: ''}",
            "not-null-without-default       | {op: add-column, table: items, column: currency, nullable: false}   | {op: add-column, table: items, column: currency}"})
    void aHarmlessOperationRemovesTheHarm(String rule, String op, String harmless) throws IOException {
        Path bad = rolling(op, ROLLING);
        Path good = rolling(harmless, ROLLING);
        lintsOnlyTheBadOne(rule, bad, good);
        harmOnlyInTheBadOne(bad, good);
    }

    /** NOT NULL without a default fails old nodes' writes only: with a workload that only reads, it harms nothing and lint says nothing. */
    @Test
    void notNullWithoutDefaultSparesAWorkloadThatOnlyReads() throws IOException {
        Path bad = rolling("{op: add-not-null, table: items, column: name}", ROLLING);
        Path readsOnly = write(Files.readString(bad).replace("- {name: write, weight: 0.2, write: true,", "- {name: write, weight: 0.2,"));
        assertThat(Files.readString(readsOnly)).isNotEqualTo(Files.readString(bad));
        assertThat(Linter.lint(bad, Optional.empty())).isNotEmpty();
        assertThat(Linter.lint(readsOnly, Optional.empty())).isEmpty();
        assertThat(summary(simulate(readsOnly), RunResult::unplannedUnavailableS).mean()).isZero();
    }

    /** Scenarios with the same plan (the same strategy, other faults) share one finding per operation; another plan (pauses between batches) gets its own. */
    @Test
    void scenariosHitAtTheSameStepsShareAFinding() throws IOException {
        String twin = ROLLING.replace("name: s", "name: t");
        String wider = "{name: u, strategy: {kind: rolling, maxUnavailable: 1, readinessDelay: 1, pause: 5}}";
        Path config = rolling("{op: drop-column, table: items, column: price}", ROLLING + "\n  - " + twin + "\n  - " + wider);
        List<Finding> found = Linter.lint(config, Optional.empty());
        assertThat(found).extracting(Finding::rule).containsExactly("drop-column-read-by-old-version", "drop-column-read-by-old-version");
        assertThat(found).extracting(Finding::message).anySatisfy(m -> assertThat(m).startsWith("scenarios 's' (rolling), 't' (rolling) keep"))
                .anySatisfy(m -> assertThat(m).startsWith("scenario 'u' (rolling) keeps"));
    }

    /** Dependency-ordered is a rolling upgrade in another tier order: the same hazard, and the same cure. */
    @Test
    void dependencyOrderedSharesTheDataToo() throws IOException {
        String op = "{op: rename-column, table: items, column: price, to: price_usd}";
        String ordered = "{name: s, strategy: {kind: dependency-ordered, maxUnavailable: 1, readinessDelay: 1}}";
        Path bad = rolling(op, ordered);
        Path good = rolling(op, ordered.replace("}}", ", expandContract: true}}"));
        assertThat(Linter.lint(bad, Optional.empty())).extracting(Finding::message)
                .singleElement().satisfies(m -> assertThat(m).startsWith("scenario 's' (dependency-ordered) keeps"));
        assertThat(Linter.lint(good, Optional.empty())).isEmpty();
        harmOnlyInTheBadOne(bad, good);
    }

    /** Rules have stable names and a doc line in the README: the schema-operation rules' lines are the code's. */
    @Test
    void theReadmeDocumentsEveryRule() throws IOException {
        String readme = Files.readString(Path.of("../README.md"));
        for (String[] rule : Linter.documentation()) {
            assertThat(readme).contains("| `" + rule[0] + "` |");
        }
        for (Rule r : SchemaOpRule.all()) {
            assertThat(readme).contains("| `" + r.name() + "` | " + r.doc() + " |");
        }
    }

    @Test
    void plansThatConvertACopyAreNotFlagged() throws IOException {
        String op = "{op: rename-column, table: items, column: price, to: price_usd}";
        assertThat(Linter.lint(rolling(op, "{name: s, strategy: {kind: imago, testCoverage: 0.5, testDuration: 5}}"), Optional.empty())).isEmpty();
        assertThat(Linter.lint(rolling(op, "{name: s, strategy: {kind: blue-green}}"), Optional.empty())).isEmpty();
        assertThat(Linter.lint(rolling(op, "{name: s, strategy: in-place}"), Optional.empty())).isEmpty();
    }
}
