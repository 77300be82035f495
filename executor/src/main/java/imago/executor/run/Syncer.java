package imago.executor.run;

import imago.executor.ExecutorException;
import imago.executor.db.DatabaseServer;
import imago.executor.db.Sync;
import imago.executor.testbed.SystemUnderTest;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Consumer;

/**
 * The forward sync of a parallel universe with its own connections: passes on demand (SyncData, a
 * switch's final sync) or in the background until the old universe is retired. Passes are serialised.
 */
final class Syncer {

    private final Connection source;
    private final Connection target;
    private final Sync sync;
    private final Consumer<String> note;
    private volatile boolean on;
    private Thread thread;

    Syncer(SystemUnderTest system, DatabaseServer from, DatabaseServer into, Consumer<String> note) {
        try {
            this.source = from.admin();
            this.target = into.admin();
        } catch (SQLException e) {
            throw new ExecutorException("sync: cannot connect: " + e.getMessage(), e);
        }
        this.sync = system.sync(source, target, Sync.Direction.FORWARD);
        this.note = note;
    }

    synchronized long backlog() throws SQLException {
        return sync.backlog();
    }

    synchronized Sync.Pass pass(int max) throws SQLException {
        return sync.pass(max);
    }

    /** Applies everything captured so far; returns the changes applied. */
    long drainAll() throws SQLException {
        return drain(() -> pass(10_000));
    }

    /** Runs passes until one applies nothing; returns the changes applied. */
    static long drain(PassSource passes) throws SQLException {
        long n = 0;
        while (true) {
            Sync.Pass p = passes.next();
            n += p.changes();
            if (p.changes() == 0) {
                return n;
            }
        }
    }

    /** The next pass of some sync (forward, or back after a reversed switch). */
    interface PassSource {
        Sync.Pass next() throws SQLException;
    }

    void runInBackground() {
        if (on) {
            return;
        }
        on = true;
        thread = Thread.ofVirtual().name("background-sync").start(() -> {
            while (on) {
                try {
                    pass(5000);
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                } catch (SQLException e) {
                    if (on) {
                        note.accept("background sync: " + e.getMessage());
                    }
                    try {
                        Thread.sleep(500);
                    } catch (InterruptedException ie) {
                        return;
                    }
                }
            }
        });
    }

    void pause() {
        on = false;
        if (thread != null) {
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    void close() {
        pause();
        closeQuietly(source);
        closeQuietly(target);
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // closing anyway
        }
    }
}
