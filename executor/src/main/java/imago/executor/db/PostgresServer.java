package imago.executor.db;

import imago.executor.ExecutorException;
import imago.executor.process.JavaCommand;
import imago.executor.process.WorkFolder;
import imago.executor.process.ManagedProcess;
import imago.executor.process.ProcessSupervisor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One PostgreSQL server of a run: a fresh cluster made by {@code initdb}, {@code postgres}
 * listening on 127.0.0.1 only (a free port; its unix socket in the cluster folder), watched by
 * {@link PostgresMain} so it dies with the run. PostgreSQL refuses to run as root: when the
 * executor is root, both programs run as the unprivileged user {@code postgres} (else
 * {@code nobody}) through {@code setpriv}, and the cluster lives in a folder of the system temporary
 * folder that user can reach (the run's own folder is private to root), deleted by {@link #stop}.
 */
public final class PostgresServer implements DatabaseServer {

    private static final String ADMIN = "imago";
    /** Where Debian's packages put the server programs; the PATH is searched too. */
    private static final Path DEBIAN = Path.of("/usr/lib/postgresql");
    private static final String MISSING = "database postgresql: the PostgreSQL server programs (initdb, postgres)"
            + " are not installed; install them (Debian: apt-get install postgresql) or use database: h2";

    private final String name;
    private final Path cluster;
    /** The cluster folder when this server made it outside the run folder (as root). */
    private final Optional<WorkFolder> ownCluster;
    private final String adminPassword;
    private final ProcessSupervisor supervisor;
    private final ManagedProcess process;

    private PostgresServer(String name, Path cluster, Optional<WorkFolder> ownCluster, String adminPassword, ProcessSupervisor supervisor,
                           ManagedProcess process) {
        this.name = name;
        this.cluster = cluster;
        this.ownCluster = ownCluster;
        this.adminPassword = adminPassword;
        this.supervisor = supervisor;
        this.process = process;
    }

    /** The folder holding {@code initdb} and {@code postgres}; fails with one line saying what to install. */
    public static Path binaries() {
        return binaries(searchPath());
    }

    /** The first of {@code candidates} holding both programs. */
    static Path binaries(List<Path> candidates) {
        return candidates.stream()
                .filter(d -> Files.isExecutable(d.resolve("initdb")) && Files.isExecutable(d.resolve("postgres")))
                .findFirst().orElseThrow(() -> new ExecutorException(MISSING));
    }

    /** Debian's version folders, newest first, then the PATH. */
    private static List<Path> searchPath() {
        List<Path> candidates = new ArrayList<>();
        if (Files.isDirectory(DEBIAN)) {
            try (Stream<Path> versions = Files.list(DEBIAN)) {
                versions.map(v -> v.resolve("bin"))
                        .sorted(Comparator.comparing((Path p) -> versionOf(p.getParent())).reversed())
                        .forEach(candidates::add);
            } catch (IOException ignored) {
                // fall through to the PATH
            }
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty()) {
                candidates.add(Path.of(dir));
            }
        }
        return candidates;
    }

    private static int versionOf(Path dir) {
        try {
            return Integer.parseInt(dir.getFileName().toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Makes a cluster and starts its server; {@code dir} holds it unless the executor runs as root. */
    public static PostgresServer start(ProcessSupervisor supervisor, String name, Path dir, String adminPassword,
                                       Duration timeout) throws IOException, InterruptedException {
        Path bin = binaries();
        Optional<String> runAs = isRoot() ? Optional.of(unprivilegedUser()) : Optional.empty();
        // Marked with this process as owner: a SIGKILL leaves it to the next run's sweep.
        Optional<WorkFolder> owns = runAs.isPresent()
                ? Optional.of(WorkFolder.create(Path.of(System.getProperty("java.io.tmpdir")), "imago-pg-", supervisor::close))
                : Optional.empty();
        Path cluster = owns.isPresent() ? owns.get().path() : Files.createDirectories(dir);
        try {
            Path data = cluster.resolve("data");
            Path pw = cluster.resolve("admin.pw");
            Files.writeString(pw, adminPassword + "\n");
            Files.setPosixFilePermissions(pw, PosixFilePermissions.fromString("rw-------"));
            if (runAs.isPresent()) {
                chown(cluster, runAs.get());
                chown(pw, runAs.get());
            }
            Files.createDirectories(dir);
            List<String> initdb = new ArrayList<>(as(runAs));
            initdb.addAll(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", ADMIN,
                    "--auth=scram-sha-256", "--pwfile=" + pw, "-E", "UTF8", "--locale=C", "--no-sync"));
            ManagedProcess init = supervisor.start(name + ":initdb", initdb, cluster, dir.resolve("initdb.log"), 0);
            if (!init.process().waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) || init.process().exitValue() != 0) {
                supervisor.stop(init, Duration.ofSeconds(2));
                throw new ExecutorException("initdb for " + name + " failed: " + init.tail().replace('\n', ' '));
            }
            supervisor.stop(init, Duration.ZERO);
            Files.deleteIfExists(pw);
            int port = supervisor.freePort();
            List<String> postgres = new ArrayList<>(as(runAs));
            // A throwaway cluster: no fsync (nothing here survives a crash on purpose), loopback only.
            postgres.addAll(List.of(bin.resolve("postgres").toString(), "-D", data.toString(), "-h", "127.0.0.1",
                    "-p", Integer.toString(port), "-k", cluster.toString(), "-c", "fsync=off", "-c", "full_page_writes=off",
                    "-c", "synchronous_commit=off", "-c", "max_connections=200"));
            List<String> argv = JavaCommand.main("32m", List.of(), List.of(JavaCommand.codeSource(PostgresMain.class)),
                    PostgresMain.class.getName(), postgres);
            ManagedProcess p = supervisor.start(name, argv, cluster, dir.resolve("server.log"), port);
            PostgresServer server = new PostgresServer(name, cluster, owns, adminPassword, supervisor, p);
            try {
                server.awaitReady(timeout);
            } catch (RuntimeException | InterruptedException e) {
                server.stop();
                throw e;
            }
            return server;
        } catch (IOException | RuntimeException | InterruptedException e) {
            owns.ifPresent(WorkFolder::close);
            throw e;
        }
    }

    private void awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        SQLException last = null;
        while (System.nanoTime() < deadline) {
            if (!process.alive()) {
                throw new ExecutorException("database server " + name + " exited: " + process.tail().replace('\n', ' '));
            }
            try (Connection c = DriverManager.getConnection(urlOf(port(), "postgres"), ADMIN, adminPassword);
                 Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + DATABASE);
                return;
            } catch (SQLException e) {
                last = e;
            }
            Thread.sleep(100);
        }
        throw new ExecutorException("database server " + name + " did not answer within " + timeout
                + (last == null ? "" : ": " + last.getMessage()));
    }

    private static boolean isRoot() throws IOException {
        return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
    }

    /** The user PostgreSQL runs as when the executor is root: the packages' own, else nobody. */
    private static String unprivilegedUser() throws IOException {
        UserPrincipalLookupService users = Path.of("/").getFileSystem().getUserPrincipalLookupService();
        try {
            users.lookupPrincipalByName("postgres");
            return "postgres";
        } catch (java.nio.file.attribute.UserPrincipalNotFoundException e) {
            return "nobody";
        }
    }

    private static List<String> as(Optional<String> user) {
        return user.map(u -> List.of("setpriv", "--reuid=" + u, "--regid=" + u, "--init-groups", "--")).orElse(List.of());
    }

    private static void chown(Path p, String user) throws IOException {
        UserPrincipalLookupService users = p.getFileSystem().getUserPrincipalLookupService();
        Files.setOwner(p, users.lookupPrincipalByName(user));
    }

    private static String urlOf(int port, String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    @Override
    public String name() {
        return name;
    }


    @Override
    public Path dir() {
        return cluster;
    }

    @Override
    public ManagedProcess process() {
        return process;
    }


    @Override
    public String urlWithPort(int otherPort) {
        return urlOf(otherPort, DATABASE);
    }

    @Override
    public Connection admin() throws SQLException {
        return DriverManager.getConnection(url(), ADMIN, adminPassword);
    }

    @Override
    public String appUser() {
        return BiddingSchema.APP_USER.toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public void stop() {
        supervisor.stop(process, Duration.ofSeconds(8));
        ownCluster.ifPresent(WorkFolder::close);
    }
}
