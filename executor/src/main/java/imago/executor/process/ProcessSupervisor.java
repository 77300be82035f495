package imago.executor.process;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Starts child processes from argument lists (never a shell string) and guarantees they end: on
 * {@link #stop}, on {@link #close}, and from a JVM shutdown hook if the executor is stopped. Each
 * child also gets its standard input as a pipe that only this JVM holds, and the programs the
 * executor starts exit when it closes, so they die with the executor even when it is killed hard.
 */
public final class ProcessSupervisor implements AutoCloseable {

    private final List<ManagedProcess> running = new CopyOnWriteArrayList<>();
    private final List<Long> startedPids = new CopyOnWriteArrayList<>();
    private final List<Integer> ports = new CopyOnWriteArrayList<>();
    private final Thread hook;
    private final Consumer<ManagedProcess> onStart;
    private volatile boolean closed;

    public ProcessSupervisor(Consumer<ManagedProcess> onStart) {
        this.onStart = onStart;
        this.hook = new Thread(this::killAll, "imago-executor-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Starts {@code argv} in {@code dir}, output (both streams) to {@code log}. */
    public ManagedProcess start(String name, List<String> argv, Path dir, Path log, int port) throws IOException {
        if (closed) {
            throw new IllegalStateException("supervisor closed");
        }
        Files.createDirectories(dir);
        ProcessBuilder pb = new ProcessBuilder(List.copyOf(argv))
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.PIPE);
        Process p = pb.start();
        ManagedProcess mp = new ManagedProcess(name, p, port, log);
        running.add(mp);
        startedPids.add(p.pid());
        onStart.accept(mp);
        return mp;
    }

    /** Asks the process to stop (SIGTERM), then kills it if it has not ended within {@code grace}. */
    public void stop(ManagedProcess mp, Duration grace) {
        Process p = mp.process();
        if (p.isAlive()) {
            p.destroy();
            try {
                if (!p.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                    p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        closeStdin(p);
        running.remove(mp);
    }

    /**
     * Stops them all at once: each is asked (SIGTERM) before any is waited for, and each is killed
     * if it has not ended within {@code grace} of that request, so n processes take one grace, not n.
     */
    public void stopAll(List<ManagedProcess> mps, Duration grace) {
        mps.stream().map(ManagedProcess::process).filter(Process::isAlive).forEach(Process::destroy);
        long deadline = System.nanoTime() + grace.toNanos();
        for (ManagedProcess mp : mps) {
            stop(mp, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        }
    }

    /** A free loopback port, remembered so a run can prove it released every port it used. */
    public int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            s.setReuseAddress(true);
            int port = s.getLocalPort();
            ports.add(port);
            return port;
        }
    }

    public List<Long> startedPids() {
        return List.copyOf(startedPids);
    }

    public List<Integer> allocatedPorts() {
        return List.copyOf(ports);
    }

    @Override
    public void close() {
        closed = true;
        killAll();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException ignored) {
            // the JVM is already shutting down and runs the hook itself
        }
    }

    private void killAll() {
        List<ManagedProcess> all = new ArrayList<>(running);
        for (ManagedProcess mp : all) {
            mp.process().destroy();
        }
        for (ManagedProcess mp : all) {
            Process p = mp.process();
            try {
                if (!p.waitFor(3, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
            // Children of children (none expected) go too.
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            closeStdin(p);
            running.remove(mp);
        }
    }

    private static void closeStdin(Process p) {
        try {
            p.getOutputStream().close();
        } catch (IOException ignored) {
            // already gone
        }
    }
}
