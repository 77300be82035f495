package imago.executor.ingress;

import com.sun.net.httpserver.HttpServer;
import imago.model.plan.Universe;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** The Jetty ingress in front of two real HTTP backends: tagging, refusals and the atomic switch. */
class IngressTest {

    private final List<HttpServer> backends = new ArrayList<>();
    private Ingress ingress;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final ConcurrentLinkedQueue<String> log = new ConcurrentLinkedQueue<>();

    private Backend backend(String node, String version, Universe u, long delayMs) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        s.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        s.createContext("/", ex -> {
            log.add("start " + version);
            try {
                Thread.sleep(delayMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] b = ("{\"v\":\"" + version + "\"}").getBytes(StandardCharsets.UTF_8);
            // Logged before the answer leaves: logged after it, the ingress could see the request
            // end (and the test read the log) before this thread got to the line.
            log.add("end " + version);
            ex.getResponseHeaders().set("X-Bidding-Version", version);
            ex.sendResponseHeaders(200, b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
        s.start();
        backends.add(s);
        return new Backend(node, u, version, s.getAddress().getPort());
    }

    @BeforeEach
    void setUp() {
        log.clear();
    }

    @AfterEach
    void tearDown() {
        if (ingress != null) {
            ingress.close();
        }
        backends.forEach(s -> s.stop(0));
    }

    private HttpResponse<String> send(String method) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ingress.port() + "/items/1"))
                .timeout(Duration.ofSeconds(5));
        b = method.equals("GET") ? b.GET() : b.POST(HttpRequest.BodyPublishers.ofString("{}"));
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void tagsResponsesAndRefusesOnThePlansBehalf() throws Exception {
        Backend v1 = backend("app-1", "v1", Universe.PRODUCTION, 0);
        ingress = Ingress.start(Routing.of(List.of(v1)), Duration.ofSeconds(2), Duration.ofSeconds(1));
        HttpResponse<String> r = send("GET");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue(Ingress.VERSION_HEADER)).hasValue("v1");
        assertThat(r.headers().firstValue(Ingress.NODE_HEADER)).hasValue("production/app-1");

        ingress.update(x -> x.withReadOnly(true));
        HttpResponse<String> w = send("POST");
        assertThat(w.statusCode()).isEqualTo(503);
        assertThat(w.headers().firstValue(Ingress.REFUSED_HEADER)).hasValue("read-only");
        assertThat(send("GET").statusCode()).isEqualTo(200);

        ingress.drain(java.util.Set.of(v1.id()), true, Duration.ofSeconds(1));
        HttpResponse<String> none = send("GET");
        assertThat(none.headers().firstValue(Ingress.REFUSED_HEADER)).hasValue("no-backend");
        assertThat(none.headers().firstValue(Ingress.PLANNED_HEADER)).hasValue("true");
    }

    @Test
    void theSwitchDrainsInFlightRequestsBeforeFlippingAndLosesNone() throws Exception {
        Backend v1 = backend("app-1", "v1", Universe.PRODUCTION, 150);
        Backend v2 = backend("app-1", "v2", Universe.PARALLEL, 0);
        ingress = Ingress.start(Routing.of(List.of(v1)), Duration.ofSeconds(2), Duration.ofSeconds(2));
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
        List<Future<HttpResponse<String>>> before = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            before.add(pool.submit(() -> send("GET")));
        }
        while (log.stream().filter(s -> s.equals("start v1")).count() < 8) {
            Thread.sleep(5);
        }
        CountDownLatch held = new CountDownLatch(1);
        List<Future<HttpResponse<String>>> during = new ArrayList<>();
        List<String> seenWhileHeld = new ArrayList<>();
        ingress.switchOver(r -> new Routing(List.of(v2), false, false, Optional.empty()), () -> {
            // Nothing is in flight any more: every v1 request has ended.
            seenWhileHeld.addAll(log);
            for (int i = 0; i < 4; i++) {
                during.add(pool.submit(() -> send("GET")));
            }
            Thread.sleep(100);
            held.countDown();
        }, Duration.ofSeconds(5));
        for (var f : before) {
            assertThat(f.get().statusCode()).isEqualTo(200);
            assertThat(f.get().headers().firstValue(Ingress.VERSION_HEADER)).hasValue("v1");
        }
        for (var f : during) {
            // Held at the gate, then served by the new version.
            assertThat(f.get().statusCode()).isEqualTo(200);
            assertThat(f.get().headers().firstValue(Ingress.VERSION_HEADER)).hasValue("v2");
        }
        assertThat(seenWhileHeld.stream().filter(s -> s.equals("end v1")).count()).isEqualTo(8);
        assertThat(seenWhileHeld).noneMatch(s -> s.contains("v2"));
        assertThat(ingress.holds()).hasSize(1);
        pool.shutdown();
    }
}
