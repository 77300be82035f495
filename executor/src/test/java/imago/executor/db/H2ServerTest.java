package imago.executor.db;

import imago.executor.process.ProcessSupervisor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The testbed's H2 server process, started for real. */
class H2ServerTest {

    @TempDir
    Path tmp;

    /**
     * Its database stays open when its last client disconnects, as a database server's does: a
     * table that lives only while the database is open (a global temporary one) is still there when a
     * client comes back. H2 closes a database at its last disconnect by default, and an in-place
     * Stop of every application node waited for that close.
     */
    @Test
    void keepsItsDatabaseOpenWhenTheLastClientLeaves() throws Exception {
        try (ProcessSupervisor supervisor = new ProcessSupervisor(mp -> { })) {
            H2Server server = H2Server.start(supervisor, "db", tmp.resolve("db"), "secret", "64m", Duration.ofSeconds(30));
            try (Connection c = server.admin()) {
                c.createStatement().execute("CREATE GLOBAL TEMPORARY TABLE ONLY_WHILE_OPEN(ID INT)");
                c.createStatement().execute("INSERT INTO ONLY_WHILE_OPEN VALUES (1)");
            }
            try (Connection c = server.admin();
                 ResultSet r = c.createStatement().executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES"
                         + " WHERE TABLE_NAME = 'ONLY_WHILE_OPEN'")) {
                r.next();
                assertThat(r.getInt(1)).as("the table created before the last client left").isEqualTo(1);
            }
            server.stop();
        }
    }
}
