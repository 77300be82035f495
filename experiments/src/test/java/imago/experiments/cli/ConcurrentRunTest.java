package imago.experiments.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static imago.experiments.cli.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real second process: a run in a child JVM holds its folder, a second run there is refused
 * naming it, Ctrl-C (a real SIGINT) says how to resume, and the dead run's lock is taken over.
 */
class ConcurrentRunTest {

    private static final String[] RUN = {"run", RunCliTest.SMALL, "--replications", "400", "--threads", "1", "--shard", "1/1"};

    @Test
    void oneRunPerFolderAndAnInterruptedRunSaysHowToResume(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("out");
        Process child = child(tmp, out);
        try {
            Path partial = out.resolve("small/.partial");
            awaitAFinishedReplication(child, partial);

            CliTest.Run second = run(args(out));
            assertThat(second.code()).as(second.err()).isEqualTo(2);
            assertThat(second.err().strip()).startsWith("imago: " + out.resolve("small") + ": another imago run is writing here (pid "
                    + child.pid() + ", since ").endsWith("); wait for it to finish, or choose another --out");

            assertThat(new ProcessBuilder("kill", "-INT", Long.toString(child.pid())).start().waitFor()).isZero();
            assertThat(child.waitFor(2, TimeUnit.MINUTES)).as("the child stopped").isTrue();
            assertThat(child.exitValue()).isEqualTo(130);
            assertThat(Files.readString(tmp.resolve("child.err")))
                    .contains("imago: interrupted; the finished replications are kept in " + partial
                            + ": run the same command again to resume");
        } finally {
            child.destroyForcibly();
        }
        // The lock of the dead child is stale: a run with another seed gets past it to the partial results' check.
        CliTest.Run other = run(concat(args(out), "--seed", "5"));
        assertThat(other.code()).isEqualTo(2);
        assertThat(other.err()).contains("partial results of another run").doesNotContain("another imago run is writing here");
    }

    private static String[] args(Path out) {
        return concat(RUN, "--out", out.toString());
    }

    private static String[] concat(String[] a, String... more) {
        return Stream.concat(Stream.of(a), Stream.of(more)).toArray(String[]::new);
    }

    private static Process child(Path tmp, Path out) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        // env gives the child SIGINT's default disposition back: a shell without job control starts
        // background jobs (a CI script's, say) with SIGINT ignored, and the JVM then installs no handler.
        List<String> command = new ArrayList<>(List.of("env", "--default-signal=INT", java, "-Djava.awt.headless=true", "-cp",
                System.getProperty("java.class.path"), ImagoCli.class.getName()));
        command.addAll(List.of(args(out)));
        return new ProcessBuilder(command).redirectOutput(tmp.resolve("child.out").toFile())
                .redirectError(tmp.resolve("child.err").toFile()).start();
    }

    /** Waits until the child has saved a replication, so it is surely mid-run and holds the folder. */
    private static void awaitAFinishedReplication(Process child, Path partial) throws Exception {
        for (int i = 0; i < 1200; i++) {
            if (Files.isDirectory(partial)) {
                try (Stream<Path> files = Files.list(partial)) {
                    if (files.anyMatch(f -> f.getFileName().toString().startsWith("run-"))) {
                        return;
                    }
                }
            }
            assertThat(child.isAlive()).as("the child is still running").isTrue();
            Thread.sleep(100);
        }
        throw new AssertionError("the child saved no replication in two minutes");
    }
}
