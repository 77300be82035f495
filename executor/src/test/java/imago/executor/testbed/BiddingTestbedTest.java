package imago.executor.testbed;

import imago.executor.ExecutorException;
import imago.model.config.ExperimentLoader;
import imago.model.experiment.Experiment;
import imago.model.plan.Plan;
import imago.model.plan.PlanCompiler;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The executor runs only the bidding system; its configurations say what each version reads. */
class BiddingTestbedTest {

    private static final Path BIDDING = Path.of("..", "experiments", "configs", "bidding.yaml");

    @Test
    void theBiddingExperimentDescribesTheTestbedAndCompilesForEveryStrategy() {
        Experiment e = ExperimentLoader.load(BIDDING);
        BiddingTestbed.Shape shape = BiddingTestbed.validate(e);
        assertThat(shape.app().replicas()).isEqualTo(2);
        // The four strategies without faults, then with one given fault of each type.
        assertThat(e.scenarios().subList(0, 4)).extracting(s -> s.strategy().kind())
                .containsExactly("in-place", "rolling", "blue-green", "imago");
        assertThat(e.scenarios().subList(0, 4)).allSatisfy(s -> assertThat(s.injected()).isEmpty());
        assertThat(e.scenarios().subList(4, e.scenarios().size()))
                .extracting(s -> s.strategy().kind() + "/" + s.injected().getFirst().type().number())
                .containsExactlyInAnyOrder("in-place/1", "rolling/1", "blue-green/1", "imago/1", "in-place/2", "rolling/2",
                        "blue-green/2", "imago/2", "in-place/3", "rolling/3", "blue-green/3", "imago/3", "in-place/4",
                        "rolling/4", "blue-green/4", "imago/4");
        for (var s : e.scenarios()) {
            Plan p = new PlanCompiler(e.topology(), e.workload(), e.upgrade()).compile(s.name(), s.strategy());
            assertThat(p.steps()).isNotEmpty();
        }
    }

    private static final Path COMPATIBLE = Path.of("..", "experiments", "configs", "bidding-compatible.yaml");

    @Test
    void theCompatibleExperimentPicksTheV11UpgradeAndCompilesForEveryStrategy() {
        Experiment e = ExperimentLoader.load(COMPATIBLE);
        BiddingTestbed.Shape shape = BiddingTestbed.validate(e);
        assertThat(shape.upgrade().to()).isEqualTo(BiddingTestbed.V1_1);
        assertThat(shape.upgrade().migration()).isInstanceOf(Migration.AddedColumn.class);
        assertThat(e.upgrade().schema().orElseThrow().compatible()).isTrue();
        assertThat(e.scenarios().subList(0, 5)).extracting(s -> s.name())
                .containsExactly("in-place", "rolling", "canary", "blue-green", "imago");
        assertThat(e.scenarios().subList(5, e.scenarios().size()))
                .extracting(s -> s.strategy().kind() + "/" + s.injected().getFirst().type().number())
                .hasSize(20).contains("canary/1", "canary/2", "canary/3", "canary/4");
        for (var s : e.scenarios()) {
            Plan p = new PlanCompiler(e.topology(), e.workload(), e.upgrade()).compile(s.name(), s.strategy());
            assertThat(p.steps()).isNotEmpty();
        }
        // The original experiment keeps v1 -> v2 and its money conversion.
        assertThat(BiddingTestbed.validate(ExperimentLoader.load(BIDDING)).upgrade().migration())
                .isInstanceOf(Migration.MoneyToDecimal.class);
    }

    @Test
    void theCompatibleSimVsRealConfigRunsV11WithOneFaultOfEachTypeAndTheConvertedBids() {
        Experiment e = ExperimentLoader.load(Path.of("..", "experiments", "configs", "paper", "sim-vs-real-compatible.yaml"));
        assertThat(BiddingTestbed.validate(e).upgrade().migration()).isInstanceOf(Migration.AddedColumn.class);
        var schema = e.upgrade().schema().orElseThrow();
        assertThat(schema.tables()).extracting(t -> t.name()).containsExactly("bids");
        assertThat(schema.rows()).isEqualTo(1_000_000);
        assertThat(e.scenarios()).filteredOn(s -> !s.injected().isEmpty())
                .extracting(s -> s.injected().getFirst().type().number()).containsExactly(1, 2, 3, 4);
        for (var s : e.scenarios()) {
            assertThat(new PlanCompiler(e.topology(), e.workload(), e.upgrade()).compile(s.name(), s.strategy()).steps()).isNotEmpty();
        }
    }

    @Test
    void aPairTheDescriptorDoesNotHaveIsRefusedWhereItIsWritten(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("v3.yaml");
        Files.writeString(f, Files.readString(COMPATIBLE).replace("  to: v1.1\n", "  to: v3\n"));
        Experiment e = ExperimentLoader.load(f);
        int line = lineOf(f, "  to: v3");
        assertThatThrownBy(() -> BiddingTestbed.validate(e)).isInstanceOf(ExecutorException.class)
                .hasMessage(f + ":" + line + ":7: upgrade.to: not an upgrade the executor can run: the bidding testbed"
                        + " upgrades v1 to v2 or v1 to v1.1 (was v1 to v3)");
    }

    @Test
    void aCompatibleUpgradeDeclaredIncompatibleIsRefusedWhereItIsWritten(@org.junit.jupiter.api.io.TempDir Path tmp)
            throws Exception {
        Path f = tmp.resolve("declared.yaml");
        // Without the canary scenarios: the model itself refuses a canary on an incompatible schema.
        String text = Files.readString(COMPATIBLE).replace("compatible: true", "compatible: false");
        text = text.substring(0, text.indexOf("scenarios:")) + "scenarios:\n  - {name: in-place, strategy: in-place}\n";
        Files.writeString(f, text);
        Experiment e = ExperimentLoader.load(f);
        assertThatThrownBy(() -> BiddingTestbed.validate(e)).isInstanceOf(ExecutorException.class)
                .hasMessageStartingWith(f + ":" + lineOf(f, "compatible: false") + ":")
                .hasMessageContaining("upgrade.schema.compatible: not an upgrade the executor can run: v1 to v1.1 adds a"
                        + " nullable column that v1 ignores: its schema change is compatible: true");
    }

    private static int lineOf(Path f, String text) throws Exception {
        List<String> lines = Files.readAllLines(f);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(text + " not in " + f);
    }

    @Test
    void tablesInAnotherOrderThanTheConversionsAreRejected(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        String original = java.nio.file.Files.readString(BIDDING);
        String items = original.lines().filter(l -> l.contains("- {name: items, rows: 200000")).findFirst().orElseThrow();
        String bids = original.lines().filter(l -> l.contains("- {name: bids, rows: 1000000")).findFirst().orElseThrow();
        String yaml = original.replace(items + "\n" + bids, bids + "\n" + items);
        assertThat(yaml).isNotEqualTo(original);
        Experiment e = ExperimentLoader.load(java.nio.file.Files.writeString(tmp.resolve("swapped.yaml"), yaml));
        assertThatThrownBy(() -> BiddingTestbed.validate(e)).isInstanceOf(ExecutorException.class)
                .hasMessageContaining("v2 converts the tables items, bids in this order (was bids, items)");
    }

    /** The declared changes must be v2's; a config saying old code survives them is refused, located, as is expand/contract. */
    @Test
    void changesOtherThanTheBuildsAndExpandContractAreRejected(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        String original = java.nio.file.Files.readString(BIDDING);
        String nullableOnly = original.replaceFirst("(?s)    changes:\n.*?\n  directives:",
                "    changes:\n      - {op: add-column, table: bids, column: currency}\n  directives:");
        Path mild = java.nio.file.Files.writeString(tmp.resolve("mild.yaml"), nullableOnly);
        int line = nullableOnly.lines().toList().indexOf("    changes:") + 2; // the list of operations
        assertThatThrownBy(() -> BiddingTestbed.validate(ExperimentLoader.load(mild))).isInstanceOf(ExecutorException.class)
                .hasMessageStartingWith(mild + ":" + line + ":")
                .hasMessageContaining(": upgrade.schema.changes: not a system the executor can run: v2's conversion leaves neither"
                        + " version able to use the other's form of table items");
        // Renames and type changes alone are v2's access too, and expand/contract could run them; the build cannot.
        String withoutCurrency = String.join("\n", original.lines().filter(l -> !l.contains("column: currency, nullable: false")).toList());
        String rolling = original.lines().filter(l -> l.contains("{name: rolling, strategy: {kind: rolling,")).findFirst().orElseThrow();
        String expand = withoutCurrency.replace(rolling, rolling.replace("}}", ", expandContract: true}}"));
        assertThat(expand).contains("expandContract: true");
        Path ec = java.nio.file.Files.writeString(tmp.resolve("ec.yaml"), expand);
        assertThatThrownBy(() -> BiddingTestbed.validate(ExperimentLoader.load(ec))).isInstanceOf(ExecutorException.class)
                .hasMessageContaining(": scenarios[1].strategy.expandContract: not a system the executor can run: v2's build has no"
                        + " expand/contract migration");
        assertThat(BiddingTestbed.validate(ExperimentLoader.load(BIDDING))).isNotNull();
    }

    /** Only placed bids call back on the testbed: a config naming other callers is refused, located. */
    @Test
    void callbacksFromOtherTypesThanPlacedBidsAreRejected(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        String original = java.nio.file.Files.readString(BIDDING);
        assertThat(original).contains("from: [place-bid]");
        String reads = original.replace("from: [place-bid]", "from: [view-item]");
        Path f = java.nio.file.Files.writeString(tmp.resolve("reads.yaml"), reads);
        int line = reads.lines().toList().indexOf(reads.lines().filter(l -> l.contains("from: [view-item]")).findFirst().orElseThrow()) + 1;
        assertThatThrownBy(() -> BiddingTestbed.validate(ExperimentLoader.load(f))).isInstanceOf(ExecutorException.class)
                .hasMessageStartingWith(f + ":" + line + ":")
                .hasMessageContaining(": workload.async.from: not a system the executor can run: the testbed's client code"
                        + " confirms placed bids only: list place-bid or leave it out (was view-item)");
    }

    @Test
    void anotherSystemIsRejected() throws Exception {
        Path three = Path.of("..", "experiments", "configs", "three-tier.yaml");
        Experiment e = ExperimentLoader.load(three);
        assertThatThrownBy(() -> BiddingTestbed.validate(e)).isInstanceOf(ExecutorException.class)
                .hasMessageContaining("not a system the executor can run");
    }

    @Test
    void eachVersionGetsItsOwnSpellingOfTheTimeout(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        NodeConfig c = new NodeConfig("v1", "app-1", 8080, "jdbc:h2:tcp://127.0.0.1:9092/bidding", "APP", "p=w\n", 8, 5);
        c.write(tmp.resolve("v1.properties"));
        c = new NodeConfig("v2", "app-1", 8080, "jdbc:h2:tcp://127.0.0.1:9092/bidding", "APP", "p=w\n", 8, 5);
        c.write(tmp.resolve("v2.properties"));
        Properties v1 = load(tmp.resolve("v1.properties"));
        Properties v2 = load(tmp.resolve("v2.properties"));
        assertThat(v1.getProperty("db.timeout")).isEqualTo("5");
        assertThat(v2.getProperty("db.timeoutMs")).isEqualTo("5000");
        assertThat(v2).doesNotContainKey("db.timeout");
        c = new NodeConfig("v1.1", "app-1", 8080, "jdbc:h2:tcp://127.0.0.1:9092/bidding", "APP", "p=w\n", 8, 5);
        c.write(tmp.resolve("v1.1.properties"));
        assertThat(load(tmp.resolve("v1.1.properties")).getProperty("db.timeout")).isEqualTo("5");
        // Values are escaped: a password cannot add a directive.
        assertThat(v1.getProperty("db.password")).isEqualTo("p=w\n");
        assertThat(v1).hasSize(7);
    }

    private static Properties load(Path p) throws Exception {
        Properties props = new Properties();
        try (var r = Files.newBufferedReader(p)) {
            props.load(r);
        }
        return props;
    }
}
