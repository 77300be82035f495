package imago.executor.db;

import imago.executor.DatabaseKind;
import imago.executor.process.ManagedProcess;
import imago.executor.process.ProcessSupervisor;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

/**
 * One database server of a run, in its own process on loopback, holding the {@code bidding}
 * database: H2 ({@link H2Server}) or PostgreSQL ({@link PostgresServer}). The executor talks to it
 * as administrator; the application nodes as the restricted user {@link BiddingSchema#APP_USER}.
 */
public sealed interface DatabaseServer permits H2Server, PostgresServer {

    String DATABASE = "bidding";

    /** Starts an empty server of {@code kind} keeping its files in {@code dir}. */
    static DatabaseServer start(DatabaseKind kind, ProcessSupervisor supervisor, String name, Path dir,
                                String adminPassword, Duration timeout) throws IOException, InterruptedException {
        return switch (kind) {
            case H2 -> H2Server.start(supervisor, name, dir, adminPassword, "1g", timeout);
            case POSTGRESQL -> PostgresServer.start(supervisor, name, dir, adminPassword, timeout);
        };
    }

    String name();

    default int port() {
        return process().port();
    }

    Path dir();

    ManagedProcess process();

    /** The JDBC URL of the database, as the application nodes use it. */
    default String url() {
        return urlWithPort(port());
    }

    /** The same URL with the port replaced: what a typo in a configuration produces. */
    String urlWithPort(int otherPort);

    Connection admin() throws SQLException;

    /** How the application logs in as {@link BiddingSchema#APP_USER} (PostgreSQL folds the name to lower case). */
    String appUser();

    /** Stops the server and releases what it holds (idempotent). */
    void stop();
}
