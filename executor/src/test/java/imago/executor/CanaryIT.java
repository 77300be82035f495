package imago.executor;

import imago.model.config.ExperimentLoader;
import imago.model.experiment.Experiment;
import imago.model.experiment.Scenario;
import imago.model.fault.FaultInjection;
import imago.model.metrics.Outcome;
import imago.model.metrics.RunResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A canary of the compatible upgrade (bidding-compatible.yaml, v1 -> v1.1) for real: the analysis
 * of the ingress' request log aborts a rollout whose canary node is broken, and lets a sound one
 * through; sessions stay on their version throughout.
 */
class CanaryIT {

    private static final Path CONFIG = Path.of("..", "experiments", "configs", "bidding-compatible.yaml");

    @TempDir
    Path tmp;

    private ExecutorRun run(String tag, List<FaultInjection> faults) throws InterruptedException {
        Experiment full = ExperimentLoader.load(CONFIG);
        Experiment e = new Experiment(full.name(), full.source(), full.topology(), full.workload(), full.upgrade(),
                full.scenarios(), full.replications(), full.seed(), 1, 2, full.maxSimulatedS());
        Scenario s = e.scenario("canary").orElseThrow();
        ExecutorOptions o = ExecutorOptions.defaults(tmp.resolve("out")).withData(DataSize.small())
                .withWorkRoot(tmp.resolve("work")).withTimeScale(0.3).withFaults(faults)
                .withProgress(ev -> System.out.println("[" + tag + "] " + ev));
        ExecutorRun r = Executor.run(e, s, Bidding.plan(e, s), o);
        System.out.println(tag + " -> " + r.result());
        return r;
    }

    /** The versions that answered each session's requests, in the order they were sent. */
    private static Map<String, List<String>> versionsBySession(Path requestLog) throws Exception {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String l : Bidding.requestLines(requestLog)) {
            String[] f = l.split(",", 14);
            if (!f[9].isEmpty()) {
                out.computeIfAbsent(f[1], k -> new ArrayList<>()).add(f[9]);
            }
        }
        return out;
    }

    /** Whether a session was answered by {@code first} and later by {@code then}. */
    private static boolean moved(List<String> versions, String first, String then) {
        int i = versions.indexOf(first);
        return i >= 0 && versions.subList(i, versions.size()).contains(then);
    }

    @Test
    void aFailedAnalysisAbortsAFaultyCanaryAndKeepsProductionOnTheOldVersion() throws Exception {
        // db.pool.size 0 on the canary node: every request it takes fails.
        ExecutorRun run = run("canary/type2", List.of(FaultInjection.of(2, "Configure", "app-3")));
        RunResult r = run.result();
        assertThat(r.outcome()).isEqualTo(Outcome.ROLLED_BACK);
        assertThat(r.faultsInjected()).isEqualTo(1);
        // BIDS was copied and swapped while v1 served, and the writes made meanwhile were brought over.
        assertThat(r.lostWrites()).isZero();
        assertThat(java.nio.file.Files.readString(run.stepLog())).contains("weight 0: every session back on v1");
        Map<String, List<String>> sessions = versionsBySession(run.requestLog());
        // Sticky: no session was moved onto the canary; canary sessions were moved off it by the abort.
        assertThat(sessions.values()).noneMatch(v -> moved(v, "v1", "v1.1"));
        assertThat(sessions.values()).anyMatch(v -> v.contains("v1.1"));
        long onCanary = sessions.values().stream().flatMap(List::stream).filter("v1.1"::equals).count();
        long onStable = sessions.values().stream().flatMap(List::stream).filter("v1"::equals).count();
        assertThat(onCanary).isLessThan(onStable);
    }

    @Test
    @org.junit.jupiter.api.Tag("extended") // the abort above is the claim; -Pextended-its (and .ci/run) runs this twin
    void aSoundCanaryPassesItsAnalysisAndIsPromoted() throws Exception {
        ExecutorRun run = run("canary", List.of());
        RunResult r = run.result();
        assertThat(r.outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(r.lostWrites()).isZero();
        assertThat(java.nio.file.Files.readString(run.stepLog())).contains("analysis successful");
        Map<String, List<String>> sessions = versionsBySession(run.requestLog());
        // Nothing aborted: no session went back from the new version to the old.
        assertThat(sessions.values()).noneMatch(v -> moved(v, "v1.1", "v1"));
        assertThat(sessions.values()).anyMatch(v -> v.contains("v1.1"));
    }
}
