package imago.executor.db;

import imago.executor.ExecutorException;
import imago.executor.process.JavaCommand;
import imago.executor.process.ManagedProcess;
import imago.executor.process.ProcessSupervisor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

/**
 * One H2 database server running as its own process (TCP mode, loopback only), holding the
 * {@code bidding} database in its own folder. The executor talks to it as administrator; the
 * application nodes as the restricted user {@link BiddingSchema#APP_USER}.
 */
public final class H2Server implements DatabaseServer {

    private static final String ADMIN = "SA";

    private final String name;
    private final Path dir;
    private final String adminPassword;
    private final ProcessSupervisor supervisor;
    private final ManagedProcess process;

    private H2Server(String name, Path dir, String adminPassword, ProcessSupervisor supervisor, ManagedProcess process) {
        this.name = name;
        this.dir = dir;
        this.adminPassword = adminPassword;
        this.supervisor = supervisor;
        this.process = process;
    }

    /**
     * Creates an empty database in {@code dir} and starts a server for it. The database is created
     * by this JVM first (then closed), so the server never needs to create databases on request.
     */
    public static H2Server start(ProcessSupervisor supervisor, String name, Path dir, String adminPassword,
                                       String maxHeap, Duration timeout) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        String fileUrl = "jdbc:h2:file:" + dir.resolve(DATABASE).toAbsolutePath();
        try (Connection c = DriverManager.getConnection(fileUrl, ADMIN, adminPassword)) {
            c.createStatement().execute("SELECT 1");
        } catch (SQLException e) {
            throw new ExecutorException("cannot create the database in " + dir + ": " + e.getMessage(), e);
        }
        int port = supervisor.freePort();
        List<String> argv = JavaCommand.main(maxHeap, List.of("-Dh2.bindAddress=127.0.0.1"),
                List.of(JavaCommand.codeSource(org.h2.tools.Server.class), JavaCommand.codeSource(H2ServerMain.class)),
                H2ServerMain.class.getName(),
                List.of("-tcpPort", Integer.toString(port), "-baseDir", dir.toAbsolutePath().toString()));
        ManagedProcess p = supervisor.start(name, argv, dir, dir.resolve("server.log"), port);
        H2Server server = new H2Server(name, dir, adminPassword, supervisor, p);
        server.awaitReady(timeout);
        // A database server keeps its database open between clients, as PostgreSQL does. H2 closes
        // it when its last connection closes: an in-place Stop of every node then waited for the
        // close (0.7 s, against 0.33 s for one node while another served).
        try (Connection c = server.admin()) {
            c.createStatement().execute("SET DB_CLOSE_DELAY -1");
        } catch (SQLException e) {
            throw new ExecutorException("database server " + name + ": cannot keep its database open: " + e.getMessage(), e);
        }
        return server;
    }

    private void awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        SQLException last = null;
        while (System.nanoTime() < deadline) {
            if (!process.alive()) {
                throw new ExecutorException("database server " + name + " exited: " + process.tail());
            }
            try (Connection c = admin()) {
                return;
            } catch (SQLException e) {
                last = e;
            }
            Thread.sleep(100);
        }
        throw new ExecutorException("database server " + name + " did not answer within " + timeout
                + (last == null ? "" : ": " + last.getMessage()));
    }

    @Override
    public String name() {
        return name;
    }


    @Override
    public Path dir() {
        return dir;
    }

    @Override
    public ManagedProcess process() {
        return process;
    }


    @Override
    public String urlWithPort(int otherPort) {
        return "jdbc:h2:tcp://127.0.0.1:" + otherPort + "/" + DATABASE;
    }

    @Override
    public Connection admin() throws SQLException {
        return DriverManager.getConnection(url(), ADMIN, adminPassword);
    }

    @Override
    public String appUser() {
        return BiddingSchema.APP_USER;
    }

    @Override
    public void stop() {
        supervisor.stop(process, Duration.ofSeconds(5));
    }
}
