package imago.executor.db;

import org.h2.tools.Server;

import java.io.IOException;
import java.io.InputStream;
import java.sql.SQLException;

/**
 * Runs in the database server's own process: {@code org.h2.tools.Server}'s TCP server with the
 * given arguments ({@code -tcpPort P -baseDir DIR}), bound to loopback by {@code -Dh2.bindAddress},
 * which ends when its standard input closes, i.e. when the executor that started it is gone.
 */
public final class H2ServerMain {

    private H2ServerMain() {
    }

    public static void main(String[] args) throws SQLException {
        Server server = Server.createTcpServer(args).start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "h2-stop"));
        System.out.println("READY h2 " + server.getURL());
        System.out.flush();
        try (InputStream in = System.in) {
            while (in.read() >= 0) {
                // the executor never writes; EOF means it is gone
            }
        } catch (IOException ignored) {
            // a broken pipe means the same
        }
        server.stop();
        System.exit(0);
    }
}
