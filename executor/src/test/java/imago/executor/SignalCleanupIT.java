package imago.executor;

import imago.executor.process.JavaCommand;
import imago.executor.process.WorkFolder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A real run in a child JVM (database server, application nodes, ingress and load running), stopped
 * by a real signal: on SIGINT and SIGTERM it releases every process and its work folder (and a
 * PostgreSQL cluster folder) itself; after a SIGKILL its processes still end (their stdin pipe
 * closes) and the next run's start sweeps the folders it left.
 */
class SignalCleanupIT {

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource({"INT, h2", "TERM, postgresql", "KILL, postgresql"})
    void aSignalledRunLeavesNothingBehind(String signal, String database) throws Exception {
        if (database.equals("postgresql")) {
            assumeTrue(Bidding.postgresInstalled(), "PostgreSQL server programs not installed");
        }
        Path work = tmp.resolve("work");
        // A shell without job control starts background jobs with SIGINT ignored, and an ignored
        // signal stays ignored across exec (the JVM then installs no handler for it): the child
        // gets the default disposition back, as a user's foreground run has it.
        Process child = new ProcessBuilder("env", "--default-signal=INT,TERM", JavaCommand.java(), "-Xmx256m", "-cp",
                System.getProperty("java.class.path"), SignalChild.class.getName(), work.toString(), database)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.PIPE).start();
        List<Long> pids = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null && !line.equals("serving")) {
                seen.add(line);
                if (line.startsWith("started ")) {
                    pids.add(Long.parseLong(line.substring(8).trim()));
                }
            }
            assertThat(line).as("the child set its system up; it printed %s", seen).isEqualTo("serving");
            List<Path> clusters = Bidding.pgClustersOwnedBy(child.pid());
            assertThat(entries(work)).as("the run's work folder").hasSize(1);

            int kill = new ProcessBuilder("kill", "-s", signal, Long.toString(child.pid())).inheritIO().start().waitFor();
            assertThat(kill).isZero();
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("the child ended").isTrue();
            out.transferTo(java.io.Writer.nullWriter());

            for (long pid : pids) {
                // After a SIGKILL the children see their stdin close and stop by themselves.
                ProcessHandle.of(pid).ifPresent(p -> p.onExit().orTimeout(30, TimeUnit.SECONDS).join());
            }
            if (signal.equals("KILL")) {
                assertThat(child.exitValue()).isEqualTo(137);
                assertThat(entries(work)).as("a SIGKILL runs no cleanup").hasSize(1);
                assertThat(WorkFolder.sweepStale(work, "imago-run-")).hasSize(1);
                WorkFolder.sweepStale(Path.of(System.getProperty("java.io.tmpdir")), "imago-pg-");
            } else {
                assertThat(child.exitValue()).isEqualTo(128 + (signal.equals("INT") ? 2 : 15));
            }
            assertThat(entries(work)).isEmpty();
            for (Path c : clusters) {
                assertThat(c).as("PostgreSQL cluster folder").doesNotExist();
            }
        } finally {
            child.destroyForcibly();
        }
    }

    private static List<Path> entries(Path dir) throws java.io.IOException {
        try (Stream<Path> all = Files.list(dir)) {
            return all.toList();
        }
    }
}
