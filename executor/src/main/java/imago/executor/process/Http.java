package imago.executor.process;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Small direct HTTP calls to one node (health probes, runtime-test replays), bypassing the ingress. */
public final class Http implements AutoCloseable {

    /** A status (0 when no answer came), the serving version header, and the body. */
    public record Answer(int status, String version, String body) {
    }

    private final HttpClient client;
    private final Duration timeout;

    public Http(Duration timeout) {
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
    }

    public Answer get(int port, String pathAndQuery) throws InterruptedException {
        HttpRequest r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery)).timeout(timeout).GET().build();
        try {
            HttpResponse<String> resp = client.send(r, HttpResponse.BodyHandlers.ofString());
            return new Answer(resp.statusCode(), resp.headers().firstValue("X-Bidding-Version").orElse(""), resp.body());
        } catch (IOException e) {
            return new Answer(0, "", e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
