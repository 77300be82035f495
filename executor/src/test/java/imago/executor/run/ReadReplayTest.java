package imago.executor.run;

import com.sun.net.httpserver.HttpServer;
import imago.executor.load.ReadSource;
import imago.executor.process.Http;
import imago.model.plan.Universe;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The runtime test's replays against real HTTP servers standing for a production node (v1, cents)
 * and a node of the universe under test (v2, decimals): what the new universe fails or answers
 * wrongly is caught; the number of reads replayed follows the reads sent while the test runs.
 */
class ReadReplayTest {

    private static final String V1 = "{\"id\":%s,\"sellerId\":3,\"category\":1,\"name\":\"lamp\",\"startPriceCents\":1250,"
            + "\"endDate\":\"2030-01-02T00:00\"}";
    private static final String V2 = "{\"id\":%s,\"sellerId\":3,\"category\":1,\"name\":\"lamp\",\"startPrice\":\"12.50\","
            + "\"currency\":\"USD\",\"endDate\":\"2030-01-02T00:00\"}";
    private static final String V2_WRONG = "{\"id\":%s,\"sellerId\":3,\"category\":1,\"name\":\"lamp\",\"startPrice\":\"1250.00\","
            + "\"currency\":\"USD\",\"endDate\":\"2030-01-02T00:00\"}";

    private final List<HttpServer> servers = new ArrayList<>();
    // Generous, so that only the time-out case (a node slower than its own client's limit) times out on a loaded machine.
    private Http http = new Http(Duration.ofSeconds(10));

    /** Production's reads of a test of {@code seconds} at {@code rate} reads/s, all sent while the tap is open. */
    private record Steady(double rate, double seconds, long firstSequence) implements ReadSource {
        @Override
        public Tap tap(Consumer<SentRead> tap) {
            long n = Math.round(rate * seconds);
            for (long i = 0; i < n; i++) {
                tap.accept(new SentRead(firstSequence + i, "/items/" + (1 + i % 50)));
            }
            return () -> { };
        }
    }

    /** A node answering items with {@code body} (its id filled in) and {@code status}, after {@code delayMs}. */
    private AppNode node(String name, Universe u, int status, String body, long delayMs) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        s.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        s.createContext("/", ex -> {
            try {
                Thread.sleep(delayMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            String path = ex.getRequestURI().getPath();
            byte[] b = body.formatted(path.substring(path.lastIndexOf('/') + 1)).getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(status, b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
        s.start();
        servers.add(s);
        return new AppNode(name, u, Path.of("."), s.getAddress().getPort());
    }

    private AppNode production() throws IOException {
        return node("app-1", Universe.PRODUCTION, 200, V1, 0);
    }

    private ReadReplay.Outcome replay(double coverage, ReadSource source, AppNode prod, AppNode tested)
            throws InterruptedException {
        return new ReadReplay(ReplaySelection.of(7, coverage), http, List.of(prod), List.of(tested))
                .during(source, Duration.ZERO, Duration.ofSeconds(30));
    }

    @AfterEach
    void stop() {
        servers.forEach(s -> s.stop(0));
        http.close();
    }

    @Test
    void aHealthyNewUniverseIsNotCaughtAndEveryAnsweredReadIsCompared() throws Exception {
        ReadReplay.Outcome o = replay(1, new Steady(20, 1, 1), production(), node("app-1", Universe.PARALLEL, 200, V2, 0));
        assertThat(o.replayed()).isEqualTo(20);
        assertThat(o.compared()).isEqualTo(20);
        assertThat(o.caught()).isFalse();
    }

    @Test
    void anErrorStatusOnTheNewUniverseIsACatch() throws Exception {
        ReadReplay.Outcome o = replay(1, new Steady(5, 1, 1), production(), node("app-2", Universe.PARALLEL, 500, "{}", 0));
        assertThat(o.caught()).isTrue();
        assertThat(o.failed()).isEqualTo(5);
        assertThat(o.badNodes()).containsExactly("app-2");
        assertThat(o.first().getFirst()).matches("app-2 /items/\\d+: status 200 vs 500");
    }

    @Test
    void aRefusedConnectionIsACatch() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        AppNode down = new AppNode("app-2", Universe.PARALLEL, Path.of("."), closed);
        ReadReplay.Outcome o = replay(1, new Steady(3, 1, 1), production(), down);
        assertThat(o.failed()).isEqualTo(3);
        assertThat(o.first().getFirst()).contains("no answer: ").contains("ConnectException");
    }

    @Test
    void aTimeOutIsACatch() throws Exception {
        http.close();
        http = new Http(Duration.ofMillis(300));
        ReadReplay.Outcome o = replay(1, new Steady(2, 1, 1), production(), node("app-2", Universe.PARALLEL, 200, V2, 5000));
        assertThat(o.failed()).isEqualTo(2);
        assertThat(o.first().getFirst()).contains("no answer: ").contains("Timeout");
    }

    @Test
    void aWrongAnswerWithoutFailingIsACatch() throws Exception {
        ReadReplay.Outcome o = replay(1, new Steady(4, 1, 1), production(), node("app-2", Universe.PARALLEL, 200, V2_WRONG, 0));
        assertThat(o.differing()).as(o.toString()).isEqualTo(4);
        assertThat(o.failed()).isZero();
        assertThat(o.caught()).isTrue();
    }

    @Test
    void aReadProductionDidNotAnswerIsNotJudged() throws Exception {
        AppNode failingProd = node("app-1", Universe.PRODUCTION, 503, "{}", 0);
        ReadReplay.Outcome o = replay(1, new Steady(4, 1, 1), failingProd, node("app-2", Universe.PARALLEL, 500, "{}", 0));
        assertThat(o.replayed()).isEqualTo(4);
        assertThat(o.compared()).isZero();
        assertThat(o.caught()).isFalse();
    }

    @Test
    void atCoverageZeroNothingIsReplayedAndNothingCaught() throws Exception {
        ReadReplay.Outcome o = replay(0, new Steady(40, 5, 1), production(), node("app-2", Universe.PARALLEL, 500, "{}", 0));
        assertThat(o.replayed()).isZero();
        assertThat(o.caught()).isFalse();
    }

    @Test
    void readsAfterTheTestAreNotReplayed() throws Exception {
        ReadReplay r = new ReadReplay(ReplaySelection.of(7, 1), http, List.of(production()),
                List.of(node("app-2", Universe.PARALLEL, 500, "{}", 0)));
        r.judge(Duration.ofSeconds(5));
        r.accept(new ReadSource.SentRead(1, "/items/1"));
        assertThat(r.judge(Duration.ofSeconds(5)).replayed()).isZero();
    }

    /** Replayed reads of a test at {@code rate} reads/s for {@code seconds}, checked against the binomial's 99.9% interval. */
    private int replayedIn(double rate, double seconds, double coverage, AppNode prod, AppNode tested) throws Exception {
        int n = (int) Math.round(rate * seconds);
        ReadReplay.Outcome o = replay(coverage, new Steady(rate, seconds, 1_000_000), prod, tested);
        double margin = 3.29 * Math.sqrt(n * coverage * (1 - coverage));
        assertThat((double) o.replayed()).as("%s reads at coverage %s", n, coverage)
                .isBetween(n * coverage - margin, n * coverage + margin);
        assertThat(o.compared()).isEqualTo(o.replayed());
        return o.replayed();
    }

    @Test
    void theReadsReplayedGrowWithTheTestsLengthAndTheRequestRate() throws Exception {
        AppNode prod = production();
        AppNode tested = node("app-1", Universe.PARALLEL, 200, V2, 0);
        double c = 0.05;
        // 40 reads/s: a 5 s test replays about 10, a 30 s one 60, a 120 s one 240 (disjoint 99.9% intervals).
        int shortTest = replayedIn(40, 5, c, prod, tested);
        int longer = replayedIn(40, 30, c, prod, tested);
        int longest = replayedIn(40, 120, c, prod, tested);
        assertThat(shortTest).isLessThan(longer);
        assertThat(longer).isLessThan(longest);
        // A 20 s test: 5 reads/s about 5 replayed, 40 reads/s about 40.
        assertThat(replayedIn(5, 20, c, prod, tested)).isLessThan(replayedIn(40, 20, c, prod, tested));
    }
}
