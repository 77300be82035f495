package imago.executor.load;

import com.sun.net.httpserver.HttpServer;
import imago.executor.DataSize;
import imago.model.config.ExperimentLoader;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/** The load generator shows an open tap every read it sends, with the request's sequence number and path. */
class ReadTapTest {

    @Test
    void aTapSeesEveryReadSentWhileItIsOpenAndNoWrite() throws Exception {
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        s.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        s.createContext("/", ex -> {
            byte[] b = "{}".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
        s.start();
        var workload = ExperimentLoader.load(Path.of("..", "experiments", "configs", "bidding.yaml")).workload();
        List<ReadSource.SentRead> tapped = new CopyOnWriteArrayList<>();
        List<RequestRecord> records;
        try (LoadGenerator g = new LoadGenerator(URI.create("http://127.0.0.1:" + s.getAddress().getPort() + "/"),
                workload, DataSize.small(), 7, System.nanoTime())) {
            g.start();
            Thread.sleep(300);
            try (ReadSource.Tap t = g.tap(tapped::add)) {
                Thread.sleep(1000);
            }
            Thread.sleep(300);
            g.stop();
            g.awaitIdle(Duration.ofSeconds(10));
            records = g.records();
        } finally {
            s.stop(0);
        }
        assertThat(tapped).isNotEmpty();
        long first = tapped.stream().mapToLong(ReadSource.SentRead::sequence).min().orElseThrow();
        long last = tapped.stream().mapToLong(ReadSource.SentRead::sequence).max().orElseThrow();
        // Requests were sent before and after the tap was open, writes among them.
        assertThat(records).anyMatch(r -> r.id() < first).anyMatch(r -> r.id() > last).anyMatch(r -> !r.isRead());
        List<ReadSource.SentRead> readsWhileOpen = records.stream().filter(r -> r.isRead() && r.id() >= first && r.id() <= last)
                .map(r -> new ReadSource.SentRead(r.id(), r.path())).toList();
        assertThat(tapped).containsExactlyInAnyOrderElementsOf(readsWhileOpen);
    }
}
