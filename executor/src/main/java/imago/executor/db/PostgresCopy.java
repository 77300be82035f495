package imago.executor.db;

import org.postgresql.PGConnection;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

/** PostgreSQL's bulk path for the conversion's batches: {@code COPY} to and from CSV files. */
final class PostgresCopy {

    private PostgresCopy() {
    }

    /** Writes the rows of {@code select} to {@code file} (CSV, no header). */
    static void export(Connection c, String select, Path file) throws SQLException {
        try (OutputStream out = Files.newOutputStream(file)) {
            c.unwrap(PGConnection.class).getCopyAPI().copyOut("COPY (" + select + ") TO STDOUT WITH (FORMAT csv)", out);
        } catch (IOException e) {
            throw new SQLException("COPY to " + file + " failed: " + e.getMessage(), e);
        }
    }

    /** Loads {@code file} into {@code tableAndColumns}, e.g. {@code ITEMS(ID, NAME)}; returns the rows. */
    static long load(Connection c, String tableAndColumns, Path file) throws SQLException {
        try (InputStream in = Files.newInputStream(file)) {
            return c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + tableAndColumns + " FROM STDIN WITH (FORMAT csv)", in);
        } catch (IOException e) {
            throw new SQLException("COPY from " + file + " failed: " + e.getMessage(), e);
        }
    }
}
