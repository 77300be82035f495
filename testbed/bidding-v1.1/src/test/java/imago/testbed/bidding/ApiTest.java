package imago.testbed.bidding;

import com.google.gson.JsonObject;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** v1.1 against a real (in-memory) H2 database: v1's API, plus notes on bids that may be missing. */
class ApiTest {

    private static final String URL = "jdbc:h2:mem:v11test;DB_CLOSE_DELAY=-1";
    private Connection keep;
    private ConnectionPool pool;
    private HttpServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        keep = DriverManager.getConnection(URL, "sa", "");
        try (Statement s = keep.createStatement()) {
            s.execute("DROP ALL OBJECTS");
            s.execute("CREATE TABLE USERS(ID BIGINT PRIMARY KEY, NICKNAME VARCHAR(40), REGION INT, RATING INT)");
            s.execute("CREATE TABLE ITEMS(ID BIGINT PRIMARY KEY, SELLER_ID BIGINT, CATEGORY INT, NAME VARCHAR(80),"
                    + " START_PRICE_CENTS BIGINT, MAX_BID_CENTS BIGINT, END_DATE TIMESTAMP)");
            s.execute("CREATE TABLE BIDS(ID BIGINT PRIMARY KEY, ITEM_ID BIGINT, USER_ID BIGINT, AMOUNT_CENTS BIGINT,"
                    + " PLACED_AT TIMESTAMP, CONFIRMED BOOLEAN)");
            // v1's schema with the column the upgrade adds: what the executor's conversion does.
            s.execute("ALTER TABLE BIDS ADD COLUMN NOTE VARCHAR(200)");
            s.execute("INSERT INTO USERS VALUES (1, 'ann', 3, 7)");
            s.execute("INSERT INTO ITEMS VALUES (1, 1, 0, 'lamp', 500, 1000, TIMESTAMP '2026-01-01 00:00:00')");
        }
        pool = new ConnectionPool(URL, "sa", "", 2, Duration.ofSeconds(2));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/", new Api("app-1", pool));
        server.start();
    }

    @AfterEach
    void stop() throws Exception {
        server.stop(0);
        pool.close();
        keep.close();
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
        HttpRequest.Builder b = HttpRequest.newBuilder(uri);
        b = body == null ? b.GET() : b.method(method, HttpRequest.BodyPublishers.ofString(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesItemsInCentsAndTagsTheVersion() throws Exception {
        HttpResponse<String> r = send("GET", "/items/1", null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue(Api.VERSION_HEADER)).hasValue("v1.1");
        JsonObject item = Json.parseObject(r.body());
        assertThat(item.get("startPriceCents").getAsLong()).isEqualTo(500);
        assertThat(send("GET", "/items?category=0", null).body()).contains("lamp");
        assertThat(send("GET", "/users/1", null).body()).contains("ann");
        assertThat(send("GET", "/health", null).body()).contains(Json.LIBRARY).contains("2.13.2");
    }

    @Test
    void validatesBidsOnTheServerWhenConfirmed() throws Exception {
        assertThat(send("POST", "/bids", "{\"bidId\":10,\"itemId\":1,\"userId\":1,\"amountCents\":900}").statusCode()).isEqualTo(201);
        JsonObject low = Json.parseObject(send("POST", "/bids/10/confirm", "{\"amountCents\":900}").body());
        assertThat(low.get("confirmed").getAsBoolean()).isFalse();
        assertThat(low.get("serverValidated").getAsBoolean()).isTrue();

        assertThat(send("POST", "/bids", "{\"bidId\":11,\"itemId\":1,\"userId\":1,\"amountCents\":1500}").statusCode()).isEqualTo(201);
        JsonObject ok = Json.parseObject(send("POST", "/bids/11/confirm", "{\"amountCents\":1500}").body());
        assertThat(ok.get("confirmed").getAsBoolean()).isTrue();
        assertThat(Json.parseObject(send("GET", "/items/1", null).body()).get("maxBidCents").getAsLong()).isEqualTo(1500);
    }

    @Test
    void writesANoteWhenGivenAndShowsBidsWithoutOne() throws Exception {
        // A bid as v1 writes it: no NOTE in the insert, so the column is NULL.
        try (Statement s = keep.createStatement()) {
            s.execute("INSERT INTO BIDS(ID, ITEM_ID, USER_ID, AMOUNT_CENTS, PLACED_AT, CONFIRMED)"
                    + " VALUES (20, 1, 1, 2000, CURRENT_TIMESTAMP, TRUE)");
        }
        assertThat(send("POST", "/bids", "{\"bidId\":21,\"itemId\":1,\"userId\":1,\"amountCents\":2500,"
                + "\"note\":\"for my sister\"}").statusCode()).isEqualTo(201);
        assertThat(send("POST", "/bids/21/confirm", "{\"amountCents\":2500}").statusCode()).isEqualTo(200);
        var top = Json.parseObject(send("GET", "/items/1", null).body()).getAsJsonArray("topBids");
        assertThat(top).hasSize(2);
        assertThat(top.get(0).getAsJsonObject().get("note").getAsString()).isEqualTo("for my sister");
        JsonObject old = top.get(1).getAsJsonObject();
        assertThat(old.get("id").getAsLong()).isEqualTo(20);
        assertThat(!old.has("note") || old.get("note").isJsonNull()).isTrue();
        String tooLong = "x".repeat(Api.NOTE_LENGTH + 1);
        assertThat(send("POST", "/bids", "{\"bidId\":22,\"itemId\":1,\"userId\":1,\"amountCents\":2600,"
                + "\"note\":\"" + tooLong + "\"}").statusCode()).isEqualTo(400);
    }

    @Test
    void theDefaultPoolIsLargerThanV1s(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws Exception {
        java.nio.file.Path f = tmp.resolve("app.properties");
        java.nio.file.Files.writeString(f, "http.port=1\ndb.url=jdbc:h2:mem:x\n");
        assertThat(AppConfig.load(f).poolSize()).isEqualTo(16);
    }

    @Test
    void rejectsTheNewClientsConfirmationFormat() throws Exception {
        send("POST", "/bids", "{\"bidId\":12,\"itemId\":1,\"userId\":1,\"amountCents\":1500}");
        HttpResponse<String> r = send("POST", "/bids/12/confirm", "{\"amount\":\"15.00\",\"currency\":\"USD\",\"valid\":true}");
        assertThat(r.statusCode()).isEqualTo(400);
    }

    @Test
    void aPoolWithoutConnectionsAnswersUnavailable() throws Exception {
        server.removeContext("/");
        server.createContext("/", new Api("app-1", new ConnectionPool(URL, "sa", "", 0, Duration.ofMillis(50))));
        assertThat(send("GET", "/items/1", null).statusCode()).isEqualTo(503);
    }
}
