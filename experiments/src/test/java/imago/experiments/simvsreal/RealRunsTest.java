package imago.experiments.simvsreal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The saved real runs of a sim-vs-real --quick (in-place without and with a type-1 fault, small data set). */
class RealRunsTest {

    static final Path SAVED = Path.of("src/test/resources/sim-vs-real-saved");

    @Test
    void readsEveryRunWithItsMetricsTimelineAndLogs() throws IOException {
        RealRuns real = RealRuns.read(SAVED, 3);
        assertThat(real.runs()).extracting(RealRuns.Run::scenario).containsExactly("in-place", "in-place-type1");
        RealRuns.Run faulty = real.runs().get(1);
        assertThat(faulty.values()).containsKeys("availability", "races_error", "faults_reached_production");
        assertThat(faulty.timeline()).isNotEmpty();
        assertThat(faulty.logs().requestsByKind()).containsKeys("view-item", "place-bid");
        assertThat(faulty.logs().requestsByKind().get("view-item").failed()).isPositive();
        // The executor rolled the type-1 fault back once its monitor saw it (steps.csv says so).
        assertThat(faulty.logs().steps()).anySatisfy(s -> assertThat(Fate.reverses(s)).isTrue());
        assertThat(Fate.ofReal(faulty.values(), faulty.logs().steps())).isEqualTo(Fate.REVERSED);
        assertThat(Fate.ofReal(real.runs().getFirst().values(), real.runs().getFirst().logs().steps())).isEqualTo(Fate.NONE);
        // Answers are placed in the steps that ran when they came: in place, none while the nodes are stopped.
        var byStep = real.runs().getFirst().logs().latenciesByStep();
        assertThat(byStep).doesNotContainKey(imago.model.plan.StepKind.CONVERT_DATA);
        assertThat(byStep.values()).allSatisfy(xs -> assertThat(xs).allSatisfy(x -> assertThat(x).isPositive()));
        assertThat(faulty.logs().latenciesByStep()).containsKey(imago.model.plan.StepKind.ROLLBACK);
    }

    @Test
    void refusesAFolderWithoutTheRunsLogs(@TempDir Path tmp) throws IOException {
        assertThatThrownBy(() -> RealRuns.read(tmp, 3)).isInstanceOf(IncompleteRealRuns.class)
                .hasMessageContaining("no results.csv");
        Path copy = copy(tmp.resolve("copy"));
        Files.delete(copy.resolve("runs/in-place-type1/rep-0/steps.csv"));
        assertThatThrownBy(() -> RealRuns.read(copy, 3)).isInstanceOf(IncompleteRealRuns.class)
                .hasMessageContaining("in-place-type1").hasMessageContaining("steps.csv: missing");
    }

    /** A writable copy of the saved runs. */
    static Path copy(Path to) throws IOException {
        try (Stream<Path> all = Files.walk(SAVED)) {
            for (Path p : all.sorted(Comparator.naturalOrder()).toList()) {
                Path target = to.resolve(SAVED.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        return to;
    }
}
