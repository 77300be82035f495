package imago.executor.testbed;

import imago.executor.DataSize;
import imago.executor.db.BiddingSchema;
import imago.executor.db.Conversion;
import imago.executor.db.Integrity;
import imago.executor.db.Sync;
import imago.executor.load.RequestRecord;
import imago.executor.process.Http;
import imago.model.experiment.Experiment;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * What the executor needs of the system under upgrade, and nothing more: the run's orchestrator, its
 * step actions and fault mechanisms reach the system only through this, so a second system is a
 * second implementation, not a change to the run. {@link BiddingSystem} is the first.
 */
public interface SystemUnderTest {

    /**
     * The system {@code e} describes, among those the executor knows (today the bidding testbed);
     * rejects any other, so a configuration can never make the executor run other programs. A second
     * system is a second implementation, chosen here.
     */
    static SystemUnderTest of(Experiment e) {
        return BiddingSystem.of(e);
    }

    /** The system's name, for the run's notes. */
    String name();

    /** The application nodes' names, as the plan's steps target them. */
    List<String> appNodes();

    /** The database nodes' names (one server per universe). */
    List<String> dbNodes();

    // ---------------------------------------------------------------- nodes

    /** Puts the code of {@code version} at {@code jar}: the real Install. */
    void install(String version, Path jar) throws IOException;

    /** The command line that starts a node from its jar, its extra libraries (first) and its configuration. */
    List<String> launchCommand(Path jar, List<Path> libraries, Path config);

    /** A node is healthy when this path answers 200 with the version it runs. */
    String healthPath();

    /** One read of each kind the load sends: what a starting node is warmed with before it takes traffic. */
    List<String> warmUpReads();

    /** Writes a node's configuration in the form its version reads. */
    void writeConfig(NodeConfig config, Path file) throws IOException;

    /** Puts a library that conflicts with the new version's own into {@code libFolder}; returns the file. */
    Path installConflictingLibrary(Path libFolder) throws IOException;

    // ---------------------------------------------------------------- data

    /** Creates the schema of {@code version} in an empty database. */
    void createSchema(Connection c, String version) throws SQLException;

    void createAppUser(Connection c, String password) throws SQLException;

    /** Gives the application user what it needs again (after a conversion or a revocation). */
    void grantApp(Connection c) throws SQLException;

    /** Takes away the application's read access to one table its requests need (fault type 4). */
    void revokeDataAccess(Connection c) throws SQLException;

    void seed(BiddingSchema.ConnectionSource db, DataSize size, long seed) throws SQLException;

    /** Converts the data to the new version in place; {@code skipMigration} leaves one table out (a fault). */
    Conversion.Report convertInPlace(Connection c, boolean skipMigration) throws SQLException;

    /** Converts in-place-converted data back to the old version; its swaps name the tables converted back. */
    Conversion.Report convertBack(Connection c) throws SQLException;

    /** Copies the old universe's data converted into an empty new-version database, ready to serve. */
    Conversion.Report copyConverted(Connection from, Connection to, Path scratch, boolean skipMigration)
            throws SQLException;

    /** Redoes the migration a fault skipped, copying from {@code from}; returns the rows copied. */
    long redoSkippedMigration(Connection from, Connection to, Path scratch) throws SQLException;

    /** Starts recording every write (change capture). */
    void captureChanges(Connection c) throws SQLException;

    /** Stops recording writes; what was recorded stays. */
    void stopCapture(Connection c) throws SQLException;

    /** Stops recording writes and drops what was recorded. */
    void dropCapture(Connection c) throws SQLException;

    /** Replays captured changes from one database into the other, converted in {@code direction}. */
    Sync sync(Connection from, Connection to, Sync.Direction direction);

    /** Checks that every write the clients saw acknowledged is in the database. */
    Integrity.Report checkIntegrity(Connection c, List<RequestRecord> records) throws SQLException;

    /** Whether a health answer says the node is up on {@code version}. */
    default boolean healthy(Http.Answer a, String version) {
        return a.status() == 200 && a.version().equals(version);
    }
}
