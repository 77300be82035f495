package imago.testbed.bidding;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A small JDBC pool: at most {@code size} connections, each opened on first need (lazily, as many
 * application servers do, so a wrong database location shows up on the first request, not at start).
 */
final class ConnectionPool implements AutoCloseable {

    /** Work done with a borrowed connection. */
    @FunctionalInterface
    interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }

    private final String url;
    private final String user;
    private final String password;
    private final Duration timeout;
    private final int size;
    private final Semaphore permits;
    private final ConcurrentLinkedQueue<Connection> idle = new ConcurrentLinkedQueue<>();

    ConnectionPool(String url, String user, String password, int size, Duration timeout) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.size = size;
        this.timeout = timeout;
        this.permits = new Semaphore(Math.max(0, size));
    }

    <T> T with(SqlWork<T> work) throws SQLException {
        boolean got;
        try {
            got = permits.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLTransientConnectionException("interrupted while waiting for a connection");
        }
        if (!got) {
            throw new SQLTransientConnectionException("no database connection within " + timeout.toMillis()
                    + " ms (pool size " + size + ")");
        }
        Connection c = null;
        try {
            c = idle.poll();
            if (c == null) {
                DriverManager.setLoginTimeout((int) Math.max(1, timeout.toSeconds()));
                c = DriverManager.getConnection(url, user, password);
            }
            T result = work.run(c);
            if (!c.getAutoCommit()) {
                c.setAutoCommit(true);
            }
            idle.add(c);
            c = null;
            return result;
        } finally {
            if (c != null) {
                // A failed unit of work may leave the connection broken or mid-transaction: drop it.
                try {
                    c.close();
                } catch (SQLException ignored) {
                    // already broken
                }
            }
            permits.release();
        }
    }

    @Override
    public void close() {
        Connection c;
        while ((c = idle.poll()) != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // closing anyway
            }
        }
    }
}
