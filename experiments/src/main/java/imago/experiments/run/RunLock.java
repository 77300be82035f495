package imago.experiments.run;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * One run at a time in an experiment folder. Its {@code .lock} file names the process that holds
 * it; the hold itself is the operating system's lock on that file, which ends with the process
 * however it ends, so the file of a killed run is a stale lock that the next run takes over.
 * The holder removes the file when it is done, so finished folders hold only results.
 */
public final class RunLock implements AutoCloseable {

    static final String FILE = ".lock";

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the folder's lock, or throws {@link HeldException} naming the process that has it. */
    public static RunLock acquire(Path dir) throws IOException {
        Path file = dir.resolve(FILE);
        for (int attempt = 0; attempt < 5; attempt++) {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            try {
                FileLock lock = tryLock(channel);
                if (lock == null) {
                    throw new HeldException(dir + ": another imago run is writing here (" + holder(channel)
                            + "); wait for it to finish, or choose another --out");
                }
                // A file its last holder removed just before letting go is no lock at all: try the current one.
                // (Checked with stat only: opening and closing the file again would drop this process's lock.)
                if (Files.exists(file)) {
                    // Ours now, if need be taken over from a process that is gone: say who holds it.
                    byte[] me = ("pid " + ProcessHandle.current().pid() + ", since " + Instant.now() + "\n")
                            .getBytes(StandardCharsets.UTF_8);
                    channel.truncate(0);
                    channel.write(ByteBuffer.wrap(me), 0);
                    channel.force(false);
                    return new RunLock(file, channel, lock);
                }
                lock.release();
                channel.close();
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
        }
        throw new IOException(file + ": the lock file keeps being replaced; is another program removing it?");
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            // Held by this very process (a second run started in it). Closing this channel may drop the
            // other's hold at the OS level on some systems; one process runs one experiment per folder.
            return null;
        }
    }

    private static String holder(FileChannel channel) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(200);
        channel.read(buf, 0);
        String text = new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8).strip();
        return text.isEmpty() ? "a process that has not said which yet" : text;
    }

    /** Removes the file while still holding it, then lets go. */
    @Override
    public void close() throws IOException {
        try {
            Files.deleteIfExists(file);
            lock.release();
        } finally {
            channel.close();
        }
    }

    /** The folder is in use by another run. */
    public static final class HeldException extends RuntimeException {
        HeldException(String message) {
            super(message);
        }
    }
}
