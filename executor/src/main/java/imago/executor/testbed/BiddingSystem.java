package imago.executor.testbed;

import imago.executor.DataSize;
import imago.executor.db.BiddingSchema;
import imago.executor.db.ChangeCapture;
import imago.executor.db.Conversion;
import imago.executor.db.Integrity;
import imago.executor.db.Sync;
import imago.executor.load.RequestRecord;
import imago.executor.process.JavaCommand;
import imago.model.experiment.Experiment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The online-bidding testbed as a {@link SystemUnderTest}: its bundled jars ({@link BiddingTestbed}),
 * its schema and data ({@code db}), its configuration ({@link NodeConfig}); every data conversion
 * is the chosen upgrade's {@link Migration}.
 */
public final class BiddingSystem implements SystemUnderTest {

    private final BiddingTestbed.Shape shape;

    private BiddingSystem(BiddingTestbed.Shape shape) {
        this.shape = shape;
    }

    /** The bidding system an experiment describes; rejects any other ({@link BiddingTestbed#validate}). */
    public static BiddingSystem of(Experiment e) {
        return new BiddingSystem(BiddingTestbed.validate(e));
    }

    @Override
    public String name() {
        return "bidding";
    }

    @Override
    public List<String> appNodes() {
        return shape.app().nodeNames();
    }

    @Override
    public List<String> dbNodes() {
        return shape.db().nodeNames();
    }

    @Override
    public void install(String version, Path jar) throws IOException {
        BiddingTestbed.install(version, jar);
    }

    @Override
    public List<String> launchCommand(Path jar, List<Path> libraries, Path config) {
        List<String> args = List.of(config.toString(), "--watch-stdin");
        // Jars in the node's lib folder come first, as launch scripts put them (normally none).
        return libraries.isEmpty() ? JavaCommand.jar("128m", jar, args)
                : JavaCommand.main("128m", List.of(), Stream.concat(libraries.stream(), Stream.of(jar)).toList(),
                        BiddingTestbed.MAIN_CLASS, args);
    }

    @Override
    public String healthPath() {
        return "/health";
    }

    @Override
    public List<String> warmUpReads() {
        return BiddingTestbed.WARM_UP_READS;
    }

    @Override
    public void writeConfig(NodeConfig config, Path file) throws IOException {
        config.write(file);
    }

    @Override
    public Path installConflictingLibrary(Path libFolder) throws IOException {
        // What an install that leaves an old library behind does: a jar shadowing the new one's.
        Path jar = Files.createDirectories(libFolder).resolve(BiddingTestbed.CONFLICTING_LIBRARY);
        BiddingTestbed.installConflictingLibrary(jar);
        return jar;
    }

    @Override
    public void createSchema(Connection c, String version) throws SQLException {
        if (version.equals(shape.upgrade().from())) {
            BiddingSchema.createV1(c);
        } else {
            shape.upgrade().migration().createNewSchema(c);
        }
    }

    @Override
    public void createAppUser(Connection c, String password) throws SQLException {
        BiddingSchema.createAppUser(c, password);
    }

    @Override
    public void grantApp(Connection c) throws SQLException {
        BiddingSchema.grantApp(c);
    }

    @Override
    public void revokeDataAccess(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("REVOKE SELECT ON ITEMS FROM " + BiddingSchema.APP_USER);
        }
    }

    @Override
    public void seed(BiddingSchema.ConnectionSource db, DataSize size, long seed) throws SQLException {
        BiddingSchema.seed(db, size, seed);
    }

    @Override
    public Conversion.Report convertInPlace(Connection c, boolean skipMigration) throws SQLException {
        return shape.upgrade().migration().inPlace(c, skipMigration);
    }

    @Override
    public Conversion.Report convertBack(Connection c) throws SQLException {
        return shape.upgrade().migration().back(c);
    }

    @Override
    public Conversion.Report copyConverted(Connection from, Connection to, Path scratch, boolean skipMigration)
            throws SQLException {
        Conversion.Report report = shape.upgrade().migration().copy(from, to, scratch, skipMigration);
        BiddingSchema.createIndexes(to);
        BiddingSchema.grantApp(to);
        return report;
    }

    @Override
    public long redoSkippedMigration(Connection from, Connection to, Path scratch) throws SQLException {
        return shape.upgrade().migration().copyItems(from, to, scratch);
    }

    @Override
    public void captureChanges(Connection c) throws SQLException {
        ChangeCapture.install(c);
    }

    @Override
    public void stopCapture(Connection c) throws SQLException {
        ChangeCapture.uninstall(c);
    }

    @Override
    public void dropCapture(Connection c) throws SQLException {
        ChangeCapture.remove(c);
    }

    @Override
    public Sync sync(Connection from, Connection to, Sync.Direction direction) {
        return new Sync(from, to, direction, shape.upgrade().migration().columns());
    }

    @Override
    public Integrity.Report checkIntegrity(Connection c, List<RequestRecord> records) throws SQLException {
        Map<Long, Long> placed = new HashMap<>();
        Set<Long> confirmed = new HashSet<>();
        for (RequestRecord r : records) {
            if (r.kind().equals(RequestRecord.CONFIRM)) {
                if (r.status() == 200 && r.confirmed()) {
                    confirmed.add(r.bidId());
                }
            } else if (r.method().equals("POST") && r.status() == 201) {
                placed.put(r.bidId(), r.amountCents());
            }
        }
        List<Integrity.Ack> acks = new ArrayList<>();
        placed.forEach((id, cents) -> acks.add(new Integrity.Ack(id, cents, confirmed.contains(id))));
        acks.sort(Comparator.comparingLong(Integrity.Ack::bidId));
        return Integrity.check(c, acks);
    }
}
