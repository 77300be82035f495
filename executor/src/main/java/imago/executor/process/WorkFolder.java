package imago.executor.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A folder that one process owns for as long as it lives: marked with its owner (pid and start
 * time, so a reused pid is not mistaken for the owner), deleted by {@link #close()} or, when the JVM
 * ends on SIGINT or SIGTERM, by a shutdown hook. A SIGKILL runs no hook: such a folder is removed by
 * the next {@link #create} in the same parent, which sweeps the folders whose owner is gone.
 */
public final class WorkFolder implements AutoCloseable {

    static final String OWNER_FILE = ".imago-owner";

    private final Path dir;
    private final Thread hook;

    private WorkFolder(Path dir, Runnable beforeDelete) {
        this.dir = dir;
        // Whatever still writes into the folder (child processes) stops first, then it goes.
        this.hook = new Thread(() -> {
            beforeDelete.run();
            Folders.deleteTree(dir);
        }, "imago-work-folder-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /**
     * Sweeps {@code parent} of stale {@code prefix*} folders, then makes a new one owned by this
     * process. {@code beforeDelete} runs in the shutdown hook before the folder is deleted (stop
     * the processes that write into it).
     */
    public static WorkFolder create(Path parent, String prefix, Runnable beforeDelete) throws IOException {
        Files.createDirectories(parent);
        sweepStale(parent, prefix);
        Path dir = Files.createTempDirectory(parent, prefix);
        Files.writeString(dir.resolve(OWNER_FILE), owner(ProcessHandle.current()), StandardCharsets.UTF_8);
        return new WorkFolder(dir, beforeDelete);
    }

    public Path path() {
        return dir;
    }

    /** Deletes the {@code prefix*} folders of {@code parent} whose owning process has ended; returns them. */
    public static List<Path> sweepStale(Path parent, String prefix) throws IOException {
        List<Path> removed = new ArrayList<>();
        if (!Files.isDirectory(parent)) {
            return removed;
        }
        try (DirectoryStream<Path> all = Files.newDirectoryStream(parent, prefix + "*")) {
            for (Path d : all) {
                if (Files.isDirectory(d) && ownerGone(d)) {
                    Folders.deleteTree(d);
                    removed.add(d);
                }
            }
        }
        return removed;
    }

    /** Only a folder marked by an owner that no longer runs is stale: unmarked ones are not ours to judge. */
    private static boolean ownerGone(Path d) throws IOException {
        String mark;
        try {
            mark = Files.readString(d.resolve(OWNER_FILE), StandardCharsets.UTF_8).trim();
        } catch (NoSuchFileException e) {
            return false;
        }
        long pid;
        try {
            pid = Long.parseLong(mark.split(" ", 2)[0]);
        } catch (NumberFormatException e) {
            return false;
        }
        Optional<ProcessHandle> p = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        // A live process with that pid but another start time reused the pid: the owner is gone.
        return p.isEmpty() || (mark.contains(" ") && !owner(p.get()).equals(mark));
    }

    /** "pid start-instant" of a process, or the pid alone where the system does not tell its start. */
    private static String owner(ProcessHandle p) {
        Optional<Instant> start = p.info().startInstant();
        return p.pid() + start.map(s -> " " + s).orElse("");
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException ignored) {
            // the JVM is shutting down and runs the hook itself
        }
        Folders.deleteTree(dir);
    }
}
