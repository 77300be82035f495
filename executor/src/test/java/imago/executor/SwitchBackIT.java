package imago.executor;

import imago.model.experiment.Experiment;
import imago.model.experiment.Scenario;
import imago.model.fault.FaultInjection;
import imago.model.health.MonitorRule;
import imago.model.metrics.Outcome;
import imago.model.metrics.RunResult;
import imago.model.strategy.Strategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A fault that escapes into production through a switch: blue-green has no runtime test (and
 * Imago's here has coverage 0), so a typo in the new app-2's database port goes live at the switch. The production monitor sees app-2
 * fail, the switch is reversed while the old universe is kept, and the bids the new universe (its
 * healthy app-1) acknowledged meanwhile are converted back into the old database: none is lost.
 */
class SwitchBackIT {

    @TempDir
    Path tmp;

    /** One request of the log: when it was sent, what it was, what answered. */
    private record Logged(double sendS, String kind, String method, int status, String version) {
    }

    /**
     * The old universe is kept longer than the production monitor takes to detect a node failing
     * every request (its window and its consecutive measurements, with a second to spare), so the
     * switch back does not depend on how fast this machine is. A shorter keep is a hazard of the
     * plan, not of the test: the fault would then be repaired in place, with the old universe gone.
     */
    private static double keepOldS(Experiment e) {
        double perNode = e.workload().arrivals().maxRate() / 2;
        return MonitorRule.defaults().settleS(perNode) + 1;
    }

    @Test
    void blueGreenSwitchesBackWithoutLosingTheNewUniversesWrites() throws Exception {
        Experiment e = Bidding.shortened(1, 2);
        Scenario yaml = Bidding.scenario(e, "blue-green");
        Strategy.BlueGreen b = (Strategy.BlueGreen) yaml.strategy();
        Scenario s = new Scenario("blue-green", new Strategy.BlueGreen(b.switchHoldS(), keepOldS(e)), yaml.faults(), List.of());
        escapesAndIsSwitchedBack(e, s, List.of(TYPO));
    }

    /**
     * Imago with a runtime test of coverage 0 (no read replayed): the same fault escapes. After its
     * switch the old universe's sessions still call back into it (drainSessions), so the forward
     * sync runs beside the new universe's own writes, and both must survive the switch back.
     */
    @Test
    void imagoWithoutTestCoverageSwitchesBackWithoutLosingWrites() throws Exception {
        Experiment e = Bidding.shortened(1, 2);
        Scenario yaml = Bidding.scenario(e, "imago");
        Strategy.Imago i = (Strategy.Imago) yaml.strategy();
        // The fault as a scenario gives it (fault: {type: 1, step: Configure, target: app-2}).
        Scenario blind = new Scenario("imago-untested", new Strategy.Imago(0, i.testDurationS(), i.drainSessions(),
                i.switchHoldS(), keepOldS(e)), yaml.faults(), List.of(TYPO));
        escapesAndIsSwitchedBack(e, blind, List.of());
    }

    private static final FaultInjection TYPO = FaultInjection.of(1, "Configure", "app-2");

    private void escapesAndIsSwitchedBack(Experiment e, Scenario s, List<FaultInjection> extra) throws Exception {
        // Real time (timeScale 1): the old universe is kept for keepOldS after the switch.
        ExecutorOptions o = ExecutorOptions.defaults(tmp.resolve("out")).withData(DataSize.small())
                .withWorkRoot(tmp.resolve("work")).withTimeScale(1.0).withFaults(extra)
                .withProgress(ev -> System.out.println("[switch-back " + s.name() + "] " + ev));
        ExecutorRun run = Executor.run(e, s, Bidding.plan(e, s), o);
        RunResult r = run.result();
        System.out.println("switch-back " + s.name() + " -> " + r);

        assertThat(r.faultsInjected()).isEqualTo(1);
        assertThat(r.faultsEscaped()).isEqualTo(1);
        assertThat(r.faultsReachedProduction()).isEqualTo(1);
        assertThat(r.faultsCaught()).isZero();
        assertThat(r.outcome()).isEqualTo(Outcome.ROLLED_BACK);

        List<Logged> log = read(run.requestLog());
        // The case is only meaningful if v2 acknowledged writes that the sync back had to carry.
        long v2Bids = log.stream().filter(l -> l.method().equals("POST") && l.status() == 201 && l.version().equals("v2")).count();
        assertThat(v2Bids).as("bids acknowledged by v2").isGreaterThan(0);
        assertThat(r.lostWrites()).isZero();

        String steps = Files.readString(run.stepLog());
        assertThat(steps).contains("switched back to production");

        // The run ends serving v1: every answered request of the last second came from v1.
        double last = log.stream().mapToDouble(Logged::sendS).max().orElseThrow();
        List<Logged> tail = log.stream().filter(l -> l.sendS() > last - 1 && l.status() > 0 && !l.version().isEmpty()).toList();
        assertThat(tail).isNotEmpty();
        assertThat(tail).allMatch(l -> l.version().equals("v1"), "served by v1");
    }

    private static List<Logged> read(Path gz) throws IOException {
        List<Logged> out = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(gz)),
                StandardCharsets.UTF_8))) {
            String header = in.readLine();
            assertThat(header).startsWith("id,session,kind,method,path,send_s,end_s,latency_ms,status,version,");
            String line;
            while ((line = in.readLine()) != null) {
                String[] f = line.split(",", 11);
                out.add(new Logged(Double.parseDouble(f[5]), f[2], f[3], Integer.parseInt(f[8]), f[9]));
            }
        }
        out.sort(Comparator.comparingDouble(Logged::sendS));
        return out;
    }
}
