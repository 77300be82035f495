package imago.testbed.bidding;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The online-bidding service, version 1.1: v1 with an optional note on each bid (stored in the
 * nullable column {@code BIDS.NOTE}, which v1 neither reads nor writes, so both versions share one
 * database) and a larger default connection pool.
 *
 * <p>Usage: {@code java -jar imago-bidding-v1.1.jar CONFIG.properties [--watch-stdin]}. With
 * {@code --watch-stdin} the server exits when its standard input closes, so that it dies with the
 * process that started it even when that one is killed.
 */
public final class BiddingApp {

    static final String VERSION = "v1.1";

    private BiddingApp() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: BiddingApp CONFIG.properties [--watch-stdin]");
            System.exit(2);
        }
        AppConfig config = AppConfig.load(Path.of(args[0]));
        config.warnings().forEach(w -> System.err.println("WARN " + w));
        ConnectionPool pool = new ConnectionPool(config.dbUrl(), config.dbUser(), config.dbPassword(),
                config.poolSize(), config.dbTimeout());
        // Loopback only: the testbed never listens on a public interface.
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), config.httpPort()), 256);
        ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(workers);
        server.createContext("/", new Api(config.node(), pool));
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop(0);
            workers.shutdownNow();
            pool.close();
        }, "shutdown"));
        if (List.of(args).contains("--watch-stdin")) {
            Thread.ofPlatform().daemon().name("stdin-watch").start(BiddingApp::exitWhenStdinCloses);
        }
        System.out.println("READY " + VERSION + " " + config.node() + " port " + config.httpPort()
                + " library " + Json.LIBRARY);
        System.out.flush();
    }

    private static void exitWhenStdinCloses() {
        try (InputStream in = System.in) {
            while (in.read() >= 0) {
                // the parent never writes; anything read is ignored
            }
        } catch (IOException ignored) {
            // a broken pipe means the parent is gone, the same as EOF
        }
        System.exit(0);
    }
}
