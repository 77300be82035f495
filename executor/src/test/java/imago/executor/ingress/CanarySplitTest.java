package imago.executor.ingress;

import com.sun.net.httpserver.HttpServer;
import imago.model.plan.Universe;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A canary's weighted, sticky split: the share of sessions sent to the new version is the weight's
 * (within a binomial confidence interval), and a session stays on the version it was first sent to.
 */
class CanarySplitTest {

    /** Two-sided z for a 1e-4 error probability: a correct split fails a check once in 10,000. */
    private static final double Z = 3.89;

    private final List<HttpServer> servers = new ArrayList<>();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private Ingress ingress;

    @AfterEach
    void tearDown() {
        if (ingress != null) {
            ingress.close();
        }
        servers.forEach(s -> s.stop(0));
    }

    /** |count - n p| within Z binomial standard deviations. */
    private static void assertBinomial(long count, long n, double p) {
        double margin = Z * Math.sqrt(n * p * (1 - p));
        assertThat((double) count).isBetween(n * p - margin, n * p + margin);
    }

    @ParameterizedTest
    @CsvSource({"10, 7", "25, 7", "50, 11", "90, 13"})
    void theShareOfNewSessionsIsTheWeight(int weight, long seed) {
        Routing.Split split = new Routing.Split("v1.1", weight, seed);
        int n = 20_000;
        long toNew = 0;
        for (int s = 1; s <= n; s++) {
            toNew += split.sendsToNew(Long.toString(s)) ? 1 : 0;
        }
        assertBinomial(toNew, n, weight / 100.0);
    }

    @Test
    void theDrawDependsOnTheSeedAndTheSessionOnly() {
        Routing.Split a = new Routing.Split("v1.1", 30, 42);
        Routing.Split b = new Routing.Split("v1.1", 30, 42);
        Routing.Split other = new Routing.Split("v1.1", 30, 43);
        int differ = 0;
        for (int s = 1000; s >= 1; s--) { // another order than the first split's
            assertThat(b.sendsToNew(Integer.toString(s))).isEqualTo(a.sendsToNew(Integer.toString(s)));
            differ += other.sendsToNew(Integer.toString(s)) != a.sendsToNew(Integer.toString(s)) ? 1 : 0;
        }
        // Independent draws disagree with probability 2 x 0.3 x 0.7 = 0.42.
        assertBinomial(differ, 1000, 0.42);
        assertThat(new Routing.Split("v1.1", 0, 42).sendsToNew("1")).isFalse();
        assertThat(new Routing.Split("v1.1", 100, 42).sendsToNew("1")).isTrue();
    }

    private Backend backend(String node, String version, int status) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        s.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        s.createContext("/", ex -> {
            byte[] b = "{}".getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("X-Bidding-Version", version);
            ex.sendResponseHeaders(status, b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
        s.start();
        servers.add(s);
        return new Backend(node, Universe.PRODUCTION, version, s.getAddress().getPort());
    }

    private String send(String session) throws Exception {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ingress.port() + "/items/1"))
                .header(Ingress.SESSION_HEADER, session).timeout(Duration.ofSeconds(5)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        return r.headers().firstValue(Ingress.VERSION_HEADER).orElseThrow();
    }

    @Test
    void sessionsStayOnTheirVersionAsTheWeightChanges() throws Exception {
        List<Backend> stable = List.of(backend("app-1", "v1", 200), backend("app-2", "v1", 200));
        Backend canary = backend("app-3", "v1.1", 500);
        ingress = Ingress.start(Routing.of(stable).plus(canary).withSplit(Optional.of(new Routing.Split("v1.1", 0, 5))),
                Duration.ofSeconds(5), Duration.ofSeconds(5));
        // Weight 0: the canary is up but takes nothing; sessions seen now stay on the stable side.
        for (int s = 1; s <= 20; s++) {
            assertThat(send("early-" + s)).isEqualTo("v1");
        }
        ingress.update(r -> r.withSplit(r.split().map(x -> x.withWeight(25))));
        int n = 300;
        Map<String, String> side = new HashMap<>();
        for (int s = 1; s <= n; s++) {
            side.put("s" + s, send("s" + s));
        }
        assertBinomial(side.values().stream().filter("v1.1"::equals).count(), n, 0.25);
        ingress.update(r -> r.withSplit(r.split().map(x -> x.withWeight(50))));
        for (int s = 1; s <= n; s++) {
            assertThat(send("s" + s)).as("session s%d", s).isEqualTo(side.get("s" + s));
        }
        for (int s = 1; s <= 20; s++) {
            assertThat(send("early-" + s)).isEqualTo("v1");
        }
        // The ingress logged what the canary served, with its failures.
        List<Ingress.Served> served = ingress.servedSince(0);
        long canaryServed = served.stream().filter(r -> r.version().equals("v1.1")).count();
        assertThat(canaryServed).isEqualTo(2 * side.values().stream().filter("v1.1"::equals).count());
        assertThat(served.stream().filter(r -> r.version().equals("v1.1")).allMatch(Ingress.Served::failed)).isTrue();
        assertThat(served.stream().filter(r -> r.version().equals("v1")).noneMatch(Ingress.Served::failed)).isTrue();
        // An abort: weight 0 sends every session, canary ones too, to the stable side.
        ingress.update(r -> r.withSplit(r.split().map(x -> x.withWeight(0))));
        for (int s = 1; s <= n; s += 7) {
            assertThat(send("s" + s)).isEqualTo("v1");
        }
    }
}
