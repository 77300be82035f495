package imago.executor;

import imago.model.experiment.Experiment;
import imago.model.experiment.Scenario;
import imago.model.metrics.RunResult;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Not part of {@code verify} (its name matches neither test pattern): one scenario per strategy at
 * the default data size (100k users, 200k items, 1M bids), real time, timed from the call to its
 * return (seeding, upgrade, window, integrity check, cleanup), which the issue bounds at 60 s. Run
 * by hand: {@code ./mvnw -o -pl executor -am verify -Dit.test=DefaultSizeBenchmark -Dtest=none
 * -Dsurefire.failIfNoSpecifiedTests=false [-Dimago.database=postgresql] [-Dimago.scenarios=imago,rolling]}.
 */
class DefaultSizeBenchmark {

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0} at the default size")
    @ValueSource(strings = {"in-place", "rolling", "blue-green", "imago"})
    void oneScenarioTakesAtMostAMinute(String scenario) throws Exception {
        String only = System.getProperty("imago.scenarios", "");
        org.junit.jupiter.api.Assumptions.assumeTrue(only.isEmpty() || List.of(only.split(",")).contains(scenario));
        Experiment e = Bidding.experiment();
        Scenario s = Bidding.scenario(e, scenario);
        DatabaseKind db = DatabaseKind.parse(System.getProperty("imago.database", "h2"));
        long t0 = System.nanoTime();
        ExecutorOptions o = ExecutorOptions.defaults(tmp.resolve("out-" + scenario)).withDatabase(db)
                .withWorkRoot(tmp.resolve("work"))
                .withProgress(ev -> {
                    String text = switch (ev) {
                        case ExecutorEvent.Note n -> n.text();
                        case ExecutorEvent.StepFinished f -> f.step().step().kind().configName() + " "
                                + f.step().step().universe().configName() + ": " + f.status() + " " + f.detail();
                        default -> "";
                    };
                    if (!text.isEmpty()) {
                        System.out.printf(Locale.ROOT, "[%s %s %6.2f s] %s%n", scenario, db.configName(),
                                (System.nanoTime() - t0) / 1e9, text.length() > 160 ? text.substring(0, 160) : text);
                    }
                });
        RunResult r = Executor.run(e, s, Bidding.plan(e, s), o).result();
        double secs = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "BENCHMARK %s %s: %.1f s, outcome %s, lost %d, availability %.3f%n",
                scenario, db.configName(), secs, r.outcome(), r.lostWrites(), r.availability());
        assertThat(secs).isLessThanOrEqualTo(60);
    }
}
