package imago.executor;

import imago.model.experiment.Experiment;
import imago.model.experiment.Scenario;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A run interrupted midway leaves no process, no listening port and no temporary file behind, on
 * H2 and on PostgreSQL (whose servers are children of a watcher JVM, and whose clusters may live in
 * the system temporary folder).
 */
class CleanupIT {

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "on {0}")
    @ValueSource(strings = {"h2", "postgresql"})
    void anInterruptedRunReleasesEverything(String database) throws Exception {
        DatabaseKind db = DatabaseKind.parse(database);
        if (db == DatabaseKind.POSTGRESQL) {
            assumeTrue(Bidding.postgresInstalled(), "PostgreSQL server programs not installed");
        }
        Experiment e = Bidding.shortened(1, 2);
        Scenario s = Bidding.scenario(e, "imago");
        List<Long> pids = new CopyOnWriteArrayList<>();
        List<Integer> ports = new CopyOnWriteArrayList<>();
        CountDownLatch midway = new CountDownLatch(1);
        ExecutorOptions o = ExecutorOptions.defaults(tmp.resolve("out")).withData(DataSize.small())
                .withDatabase(db).withWorkRoot(tmp.resolve("work")).withTimeScale(0.3).withProgress(ev -> {
                    switch (ev) {
                        case ExecutorEvent.ProcessStarted p -> {
                            pids.add(p.pid());
                            ports.add(p.port());
                        }
                        case ExecutorEvent.IngressStarted i -> ports.add(i.port());
                        // Interrupt while the parallel universe's nodes run beside production.
                        case ExecutorEvent.StepStarted st when st.step().step().kind() == imago.model.plan.StepKind.CONVERT_DATA ->
                                midway.countDown();
                        default -> { }
                    }
                });
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        Thread runner = Thread.ofPlatform().start(() -> {
            try {
                Executor.run(e, s, Bidding.plan(e, s), o);
            } catch (Throwable t) {
                outcome.set(t);
            }
        });
        assertThat(midway.await(120, TimeUnit.SECONDS)).as("the run reached its data conversion").isTrue();
        runner.interrupt();
        runner.join(60_000);

        assertThat(runner.isAlive()).isFalse();
        assertThat(outcome.get()).isInstanceOf(InterruptedException.class);
        assertThat(pids).hasSizeGreaterThanOrEqualTo(5); // 2 databases, 4 application nodes
        for (long pid : pids) {
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("process " + pid).isFalse();
        }
        for (int port : ports.stream().filter(p -> p > 0).toList()) {
            assertThat(listening(port)).as("port " + port).isFalse();
        }
        try (Stream<Path> left = Files.list(tmp.resolve("work"))) {
            assertThat(left.toList()).isEmpty();
        }
        if (db == DatabaseKind.POSTGRESQL) {
            // The postgres processes themselves (the pids above are their watchers'), and the clusters.
            List<Long> servers = ProcessHandle.allProcesses()
                    .filter(p -> p.info().arguments().map(a -> ports.stream().anyMatch(port -> List.of(a).contains(
                            Integer.toString(port))) && List.of(a).contains("-D")).orElse(false))
                    .map(ProcessHandle::pid).toList();
            assertThat(servers).as("postgres processes left").isEmpty();
            assertThat(Bidding.pgClustersOwnedBy(ProcessHandle.current().pid())).isEmpty();
        }
    }

    private static boolean listening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
