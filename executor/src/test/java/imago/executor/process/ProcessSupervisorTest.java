package imago.executor.process;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ProcessSupervisorTest {

    @TempDir
    Path tmp;

    /**
     * Each child, on SIGTERM, marks that it got it and exits only once the other has got its own. One
     * by one, the first would wait in vain and be killed when its grace ran out; at once, both end by
     * themselves.
     */
    @Test
    void stopAllAsksEveryProcessBeforeWaitingForAny() throws Exception {
        try (ProcessSupervisor supervisor = new ProcessSupervisor(mp -> { })) {
            ManagedProcess a = waitsForTheOther(supervisor, "a", "b");
            ManagedProcess b = waitsForTheOther(supervisor, "b", "a");
            awaitTrap(a);
            awaitTrap(b);

            supervisor.stopAll(List.of(a, b), Duration.ofSeconds(20));

            assertThat(a.process().exitValue()).as("a ended by itself, not killed").isEqualTo(0);
            assertThat(b.process().exitValue()).as("b ended by itself, not killed").isEqualTo(0);
            assertThat(tmp.resolve("a.term")).exists();
            assertThat(tmp.resolve("b.term")).exists();
        }
    }

    @Test
    void aProcessThatIgnoresTheRequestIsKilledAfterTheGrace() throws Exception {
        try (ProcessSupervisor supervisor = new ProcessSupervisor(mp -> { })) {
            ManagedProcess stubborn = supervisor.start("stubborn",
                    List.of("sh", "-c", "trap '' TERM; echo ready; while true; do sleep 0.05; done"),
                    tmp, tmp.resolve("stubborn.log"), 0);
            awaitTrap(stubborn);

            supervisor.stopAll(List.of(stubborn), Duration.ofMillis(200));

            assertThat(stubborn.process().isAlive()).isFalse();
            assertThat(stubborn.process().exitValue()).as("killed (128 + SIGKILL)").isEqualTo(137);
        }
    }

    private ManagedProcess waitsForTheOther(ProcessSupervisor supervisor, String me, String other) throws Exception {
        String onTerm = "touch " + me + ".term; while [ ! -f " + other + ".term ]; do sleep 0.05; done; exit 0";
        String script = "trap '" + onTerm + "' TERM; echo ready; while true; do sleep 0.05; done";
        return supervisor.start(me, List.of("sh", "-c", script), tmp, tmp.resolve(me + ".log"), 0);
    }

    /** The trap is set once the script has printed its first line. */
    private static void awaitTrap(ManagedProcess mp) throws Exception {
        for (int i = 0; i < 2000 && Files.readString(mp.log()).isEmpty(); i++) {
            Thread.sleep(5);
        }
        assertThat(Files.readString(mp.log())).startsWith("ready");
    }
}
