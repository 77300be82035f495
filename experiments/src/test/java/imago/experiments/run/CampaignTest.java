package imago.experiments.run;

import imago.model.config.ExperimentLoader;
import imago.model.experiment.Experiment;
import imago.model.experiment.Precision;
import imago.model.fault.FaultModel;
import imago.model.metrics.RunResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The runner with the real simulator behind it, on a small experiment. */
class CampaignTest {

    static final Path CONFIG = Path.of("src/test/resources/small.yaml");
    static final Backend SIM = new SimBackend();
    static final Campaign.Listener QUIET = (done, total) -> { };

    static Experiment small() {
        return ExperimentLoader.load(CONFIG);
    }

    static Campaign campaign(Backend b) {
        FaultModels faults = new FaultModels(CONFIG.toAbsolutePath().getParent(), FaultModel::handWritten);
        return new Campaign(b, arm -> faults.resolve(arm.scenario().faults()));
    }

    static Campaign.Outcome run(Experiment e, Path dir, int threads, Optional<Shard> shard) throws IOException {
        Files.createDirectories(dir);
        return campaign(SIM).run(e, "hash", dir, new Campaign.Options(threads, shard, QUIET));
    }

    /** The simulator, until it has run {@code n} replications: then it fails as if the process were killed. */
    static Backend crashesAfter(int n) {
        AtomicInteger calls = new AtomicInteger();
        return (arm, plan, faults, rep) -> {
            if (calls.incrementAndGet() > n) {
                throw new IllegalStateException("killed");
            }
            return SIM.run(arm, plan, faults, rep);
        };
    }

    static String file(Path dir, String name) throws IOException {
        return Files.readString(dir.resolve(name));
    }

    static byte[] bytes(Path dir, String name) throws IOException {
        return Files.readAllBytes(dir.resolve(name));
    }

    @Test
    void oneThreadAndTwoThreadsWriteTheSameFiles(@TempDir Path tmp) throws IOException {
        run(small(), tmp.resolve("one"), 1, Optional.empty());
        run(small(), tmp.resolve("two"), 2, Optional.empty());
        for (String f : ResultFiles.TABLE_FILES) {
            assertThat(bytes(tmp.resolve("two"), f)).as(f).isEqualTo(bytes(tmp.resolve("one"), f));
        }
        assertThat(file(tmp.resolve("one"), "results.csv").lines().count()).isEqualTo(1 + 3 * 4);
        assertThat(tmp.resolve("one/.partial")).doesNotExist();
    }

    @Test
    void mergedShardsEqualASingleRun(@TempDir Path tmp) throws IOException {
        Path whole = tmp.resolve("whole");
        run(small(), whole, 2, Optional.empty());
        for (int i = 1; i <= 3; i++) {
            Path d = tmp.resolve("shard" + i);
            var outcome = run(small(), d, 1, Optional.of(new Shard(i, 3)));
            manifest(small(), outcome, "" + i + "/3").write(d);
        }
        Merge.merge(List.of(tmp.resolve("shard2"), tmp.resolve("shard1"), tmp.resolve("shard3")), tmp.resolve("merged"));
        for (String f : ResultFiles.TABLE_FILES) {
            assertThat(bytes(tmp.resolve("merged"), f)).as(f).isEqualTo(bytes(whole, f));
        }
    }

    @Test
    void mergeRefusesMissingOrRepeatedShards(@TempDir Path tmp) throws IOException {
        for (int i = 1; i <= 2; i++) {
            Path d = tmp.resolve("shard" + i);
            manifest(small(), run(small(), d, 1, Optional.of(new Shard(i, 3))), i + "/3").write(d);
        }
        assertThatThrownBy(() -> Merge.merge(List.of(tmp.resolve("shard1"), tmp.resolve("shard2")), tmp.resolve("m")))
                .isInstanceOf(Merge.MergeException.class).hasMessage("missing shards [3/3]");
        assertThatThrownBy(() -> Merge.merge(List.of(tmp.resolve("shard1"), tmp.resolve("shard1")), tmp.resolve("m")))
                .isInstanceOf(Merge.MergeException.class).hasMessageContaining("shard 1/3 given twice");
    }

    @Test
    void anInterruptedRunResumesWhereItStopped(@TempDir Path tmp) throws IOException {
        Path full = tmp.resolve("full");
        run(small(), full, 1, Optional.empty());

        Path dir = tmp.resolve("crashy");
        Files.createDirectories(dir);
        Backend crashesAfterFive = crashesAfter(5);
        assertThatThrownBy(() -> campaign(crashesAfterFive).run(small(), "hash", dir, new Campaign.Options(1, Optional.empty(), QUIET)))
                .hasMessage("killed");
        assertThat(dir.resolve("results.csv")).doesNotExist();
        try (var files = Files.list(dir.resolve(".partial"))) {
            assertThat(files.filter(p -> p.getFileName().toString().startsWith("run-")).count()).isEqualTo(5);
        }

        Campaign.Outcome resumed = campaign(SIM).run(small(), "hash", dir, new Campaign.Options(2, Optional.empty(), QUIET));
        assertThat(resumed.resumed()).isEqualTo(5);
        assertThat(file(dir, "results.csv")).isEqualTo(file(full, "results.csv"));
        assertThat(file(dir, "summary.csv")).isEqualTo(file(full, "summary.csv"));
    }

    @Test
    void partialResultsOfAnotherRunAreRefused(@TempDir Path tmp) throws IOException {
        PartialStore.open(tmp, new PartialStore.Identity("aaa", 1, "all", "sim"));
        assertThatThrownBy(() -> PartialStore.open(tmp, new PartialStore.Identity("bbb", 1, "all", "sim")))
                .isInstanceOf(PartialStore.ForeignPartialException.class)
                .hasMessageContaining("partial results of another run");
    }

    @Test
    void aResultThatAnotherRunWroteIntoThePartialFolderIsRefused(@TempDir Path tmp) throws IOException {
        // Another run (another seed) into the same folder, killed after one replication: its file is left there.
        Path other = tmp.resolve("other");
        Files.createDirectories(other);
        Backend crashesAfterOne = crashesAfter(1);
        Experiment otherSeed = small().withRun(small().scenarios(), small().replications(), 99, "sim");
        assertThatThrownBy(() -> campaign(crashesAfterOne).run(otherSeed, "hash", other, new Campaign.Options(1, Optional.empty(), QUIET)))
                .hasMessage("killed");
        Path mine = tmp.resolve("mine");
        PartialStore store = PartialStore.open(mine, new PartialStore.Identity("hash", small().seed(), "all", "sim"));
        try (var files = Files.list(other.resolve(".partial"))) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith("run-")).toList()) {
                Files.copy(f, mine.resolve(".partial").resolve(f.getFileName()));
            }
        }
        assertThatThrownBy(store::load).isInstanceOf(PartialStore.ForeignPartialException.class)
                .hasMessageContaining(": a result of another run (config hash, seed 99, shard all, backend sim; this run: config hash, seed "
                        + small().seed() + ", shard all, backend sim)");
    }

    @Test
    void aDamagedPartialResultIsReportedNotMerged(@TempDir Path tmp) throws IOException {
        PartialStore store = PartialStore.open(tmp, new PartialStore.Identity("aaa", 1, "all", "sim"));
        Files.writeString(tmp.resolve(".partial/run-imago-r0.json"), "{\"scenario\": \"imago\", \"replic");
        assertThatThrownBy(store::load).isInstanceOf(PartialStore.ForeignPartialException.class)
                .hasMessageContaining("run-imago-r0.json: damaged partial result");
    }

    @Test
    void aPrecisionTargetAddsReplicationsOnlyWhileItIsNotMet(@TempDir Path tmp) throws IOException {
        Experiment base = small();
        // Step times are random, so the upgrade's duration needs several replications to pin down.
        Precision target = new Precision(0.01, 16, List.of("upgrade_duration_s"));
        Experiment e = new Experiment(base.name(), base.source(), base.topology(), base.workload(), base.upgrade(),
                base.scenarios().subList(1, 2), 2, base.seed(), base.preS(), base.postS(), base.maxSimulatedS(),
                List.of(), Optional.of(target), "sim", imago.model.experiment.ExecutorSettings.defaults());
        Campaign.Outcome out = run(e, tmp, 2, Optional.empty());
        int n = out.results().size();
        assertThat(n).isIn(2, 4, 8, 16);
        assertThat(n == 16 || Campaign.precise(out.arms(), out.results(), target)).as("met, or stopped at the cap").isTrue();
        if (n > 2) {
            assertThat(Campaign.precise(out.arms(), out.results().subList(0, n / 2), target))
                    .as("the last batch was needed").isFalse();
        }
        assertThat(out.results()).extracting(RunResult::replication).containsExactlyElementsOf(
                java.util.stream.IntStream.range(0, n).boxed().toList());
    }

    static RunManifest manifest(Experiment e, Campaign.Outcome o, String shard) {
        return new RunManifest("test", "unknown", "small.yaml", "hash", e.name(), e.seed(), e.replications(),
                o.arms().stream().map(a -> a.label()).toList(), shard, "sim", 1, "jvm", java.util.Map.of(), 1.0, "now");
    }
}
