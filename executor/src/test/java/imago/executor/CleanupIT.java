package imago.executor;

import imago.model.experiment.Experiment;
import imago.model.experiment.Scenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

/** A run interrupted midway leaves no process, no listening port and no temporary file behind. */
class CleanupIT {

    @TempDir
    Path tmp;

    @Test
    void anInterruptedRunReleasesEverything() throws Exception {
        Experiment e = Bidding.shortened(1, 2);
        Scenario s = Bidding.scenario(e, "imago");
        List<Long> pids = new CopyOnWriteArrayList<>();
        List<Integer> ports = new CopyOnWriteArrayList<>();
        CountDownLatch midway = new CountDownLatch(1);
        ExecutorOptions o = ExecutorOptions.defaults(tmp.resolve("out")).withData(DataSize.small())
                .withWorkRoot(tmp.resolve("work")).withTimeScale(0.3).withProgress(ev -> {
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
