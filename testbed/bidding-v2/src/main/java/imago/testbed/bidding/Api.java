package imago.testbed.bidding;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTTP JSON API of v2. Money is a decimal amount with a currency (v1: integer cents). Bid
 * validation moved into client-side code: placing a bid returns the rule the client checks before it
 * confirms, and the server no longer validates a confirmation. Old clients' {@code amountCents} is
 * still accepted, so a v1 client's confirmation handled here is validated by nobody.
 */
final class Api implements HttpHandler {

    static final String VERSION_HEADER = "X-Bidding-Version";
    static final String NODE_HEADER = "X-Bidding-Node";
    private static final int PAGE = 20;
    private static final Pattern ITEM = Pattern.compile("/items/(\\d+)");
    private static final Pattern USER = Pattern.compile("/users/(\\d+)");
    private static final Pattern CONFIRM = Pattern.compile("/bids/(\\d+)/confirm");

    /** An answer other than 200, with a message for the client. */
    private static final class HttpError extends Exception {
        final int status;

        HttpError(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }

    private record Reply(int status, JsonElement body) {
    }

    private static final BigDecimal STEP = new BigDecimal("0.01");

    private final String node;
    private final ConnectionPool pool;
    private final String currency;

    Api(String node, ConnectionPool pool, String currency) {
        this.node = node;
        this.pool = pool;
        this.currency = currency;
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        Reply reply;
        try {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            reply = route(ex.getRequestMethod(), ex.getRequestURI(), body);
        } catch (HttpError e) {
            reply = error(e.status, e.getMessage());
        } catch (SQLTransientException e) {
            reply = error(503, "database unavailable: " + e.getMessage());
        } catch (SQLException e) {
            // SQL state class 08: the connection failed (PostgreSQL's driver says so this way only).
            boolean unavailable = e.getSQLState() != null && e.getSQLState().startsWith("08");
            reply = error(unavailable ? 503 : 500, (unavailable ? "database unavailable: " : "database error: ") + e.getMessage());
        } catch (RuntimeException e) {
            reply = error(400, "bad request: " + e.getMessage());
        }
        String text;
        try {
            // The health check answers whatever library is loaded: it says the process is up.
            text = ex.getRequestURI().getPath().equals("/health") ? Json.writePlain(reply.body()) : Json.write(reply.body());
        } catch (LinkageError e) {
            // A library other than the one v2 was built with came first on the classpath.
            reply = error(500, "library conflict: " + e);
            text = Json.writePlain(reply.body());
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.getResponseHeaders().set(VERSION_HEADER, BiddingApp.VERSION);
        ex.getResponseHeaders().set(NODE_HEADER, node);
        ex.sendResponseHeaders(reply.status(), bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static Reply error(int status, String message) {
        JsonObject o = new JsonObject();
        o.addProperty("error", message);
        return new Reply(status, o);
    }

    private Reply route(String method, URI uri, String body) throws HttpError, SQLException {
        String path = uri.getPath();
        Matcher m;
        if (method.equals("GET")) {
            if (path.equals("/health")) {
                return new Reply(200, health());
            }
            if (path.equals("/items")) {
                Map<String, String> q = query(uri);
                return new Reply(200, listItems(intParam(q, "category", 0), intParam(q, "page", 0)));
            }
            if ((m = ITEM.matcher(path)).matches()) {
                return new Reply(200, viewItem(Long.parseLong(m.group(1))));
            }
            if ((m = USER.matcher(path)).matches()) {
                return new Reply(200, viewUser(Long.parseLong(m.group(1))));
            }
        } else if (method.equals("POST")) {
            if (path.equals("/bids")) {
                return new Reply(201, placeBid(Json.parseObject(body)));
            }
            if ((m = CONFIRM.matcher(path)).matches()) {
                return new Reply(200, confirmBid(Long.parseLong(m.group(1)), Json.parseObject(body)));
            }
        }
        throw new HttpError(404, "no route for " + method + " " + path);
    }

    private JsonObject health() {
        JsonObject o = new JsonObject();
        o.addProperty("status", "up");
        o.addProperty("version", BiddingApp.VERSION);
        o.addProperty("node", node);
        o.addProperty("library", Json.LIBRARY);
        return o;
    }

    private JsonObject listItems(int category, int page) throws SQLException {
        return pool.with(c -> {
            JsonArray items = new JsonArray();
            try (PreparedStatement s = c.prepareStatement("SELECT ID, NAME, START_PRICE, MAX_BID, CURRENCY FROM ITEMS"
                    + " WHERE CATEGORY = ? ORDER BY ID LIMIT ? OFFSET ?")) {
                s.setInt(1, category);
                s.setInt(2, PAGE);
                s.setInt(3, page * PAGE);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        JsonObject i = new JsonObject();
                        i.addProperty("id", r.getLong(1));
                        i.addProperty("name", r.getString(2));
                        i.addProperty("startPrice", money(r.getBigDecimal(3)));
                        i.addProperty("maxBid", money(r.getBigDecimal(4)));
                        i.addProperty("currency", r.getString(5));
                        items.add(i);
                    }
                }
            }
            JsonObject o = new JsonObject();
            o.addProperty("category", category);
            o.addProperty("page", page);
            o.add("items", items);
            return o;
        });
    }

    private JsonObject viewItem(long id) throws SQLException, HttpError {
        JsonObject item = pool.with(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT ID, SELLER_ID, CATEGORY, NAME, START_PRICE,"
                    + " MAX_BID, END_DATE, CURRENCY FROM ITEMS WHERE ID = ?")) {
                s.setLong(1, id);
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next()) {
                        return null;
                    }
                    JsonObject o = new JsonObject();
                    o.addProperty("id", r.getLong(1));
                    o.addProperty("sellerId", r.getLong(2));
                    o.addProperty("category", r.getInt(3));
                    o.addProperty("name", r.getString(4));
                    o.addProperty("startPrice", money(r.getBigDecimal(5)));
                    o.addProperty("maxBid", money(r.getBigDecimal(6)));
                    o.addProperty("endDate", r.getTimestamp(7).toLocalDateTime().toString());
                    o.addProperty("currency", r.getString(8));
                    o.add("topBids", topBids(c, id));
                    return o;
                }
            }
        });
        if (item == null) {
            throw new HttpError(404, "no item " + id);
        }
        return item;
    }

    private static JsonArray topBids(Connection c, long item) throws SQLException {
        JsonArray bids = new JsonArray();
        try (PreparedStatement s = c.prepareStatement("SELECT ID, USER_ID, AMOUNT FROM BIDS WHERE ITEM_ID = ?"
                + " AND CONFIRMED ORDER BY AMOUNT DESC, ID LIMIT 5")) {
            s.setLong(1, item);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    JsonObject b = new JsonObject();
                    b.addProperty("id", r.getLong(1));
                    b.addProperty("userId", r.getLong(2));
                    b.addProperty("amount", money(r.getBigDecimal(3)));
                    bids.add(b);
                }
            }
        }
        return bids;
    }

    private JsonObject viewUser(long id) throws SQLException, HttpError {
        JsonObject user = pool.with(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT ID, NICKNAME, REGION, RATING FROM USERS WHERE ID = ?")) {
                s.setLong(1, id);
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next()) {
                        return null;
                    }
                    JsonObject o = new JsonObject();
                    o.addProperty("id", r.getLong(1));
                    o.addProperty("nickname", r.getString(2));
                    o.addProperty("region", r.getInt(3));
                    o.addProperty("rating", r.getInt(4));
                    try (PreparedStatement n = c.prepareStatement("SELECT COUNT(*) FROM BIDS WHERE USER_ID = ?")) {
                        n.setLong(1, id);
                        try (ResultSet rn = n.executeQuery()) {
                            rn.next();
                            o.addProperty("bids", rn.getLong(1));
                        }
                    }
                    return o;
                }
            }
        });
        if (user == null) {
            throw new HttpError(404, "no user " + id);
        }
        return user;
    }

    /**
     * Places a pending bid. v2 does not validate it: the reply carries the rule that the client-side
     * code checks before it confirms the bid.
     */
    private JsonObject placeBid(JsonObject in) throws SQLException, HttpError {
        long bidId = required(in, "bidId");
        long itemId = required(in, "itemId");
        long userId = required(in, "userId");
        BigDecimal amount = amount(in);
        if (amount.signum() <= 0) {
            throw new HttpError(400, "amount must be positive");
        }
        BigDecimal minAmount;
        try {
            minAmount = pool.with(c -> {
                BigDecimal min;
                try (PreparedStatement s = c.prepareStatement("SELECT START_PRICE, MAX_BID FROM ITEMS WHERE ID = ?")) {
                    s.setLong(1, itemId);
                    try (ResultSet r = s.executeQuery()) {
                        if (!r.next()) {
                            return null;
                        }
                        min = r.getBigDecimal(1).max(r.getBigDecimal(2).add(STEP));
                    }
                }
                try (PreparedStatement s = c.prepareStatement("INSERT INTO BIDS(ID, ITEM_ID, USER_ID, AMOUNT, CURRENCY, PLACED_AT,"
                        + " CONFIRMED) VALUES (?, ?, ?, ?, ?, CURRENT_TIMESTAMP, FALSE)")) {
                    s.setLong(1, bidId);
                    s.setLong(2, itemId);
                    s.setLong(3, userId);
                    s.setBigDecimal(4, amount);
                    s.setString(5, currency);
                    s.executeUpdate();
                }
                return min;
            });
        } catch (SQLException e) {
            // By SQL state, not exception class: H2 and PostgreSQL's drivers throw different classes.
            if (isDuplicateKey(e)) {
                throw new HttpError(409, "bid " + bidId + " exists");
            }
            throw e;
        }
        if (minAmount == null) {
            throw new HttpError(404, "no item " + itemId);
        }
        JsonObject rule = new JsonObject();
        rule.addProperty("minAmount", money(minAmount));
        rule.addProperty("currency", currency);
        rule.addProperty("check", "amount >= minAmount");
        JsonObject o = new JsonObject();
        o.addProperty("bidId", bidId);
        o.addProperty("status", "pending");
        o.addProperty("confirm", "/bids/" + bidId + "/confirm");
        o.add("rule", rule);
        return o;
    }

    /**
     * Confirms a bid as the client says: v2's client-side code validated it against the rule and
     * sends {@code valid}. The server no longer validates (an old client sends no verdict and its
     * bid is confirmed unchecked).
     */
    private JsonObject confirmBid(long bidId, JsonObject in) throws SQLException, HttpError {
        BigDecimal amount = amount(in);
        boolean valid = !in.has("valid") || in.get("valid").getAsBoolean();
        record Outcome(int status, String reason, boolean confirmed) {
        }
        Outcome out = pool.with(c -> {
            c.setAutoCommit(false);
            try {
                long item;
                boolean already;
                try (PreparedStatement s = c.prepareStatement("SELECT ITEM_ID, AMOUNT, CONFIRMED FROM BIDS WHERE ID = ? FOR UPDATE")) {
                    s.setLong(1, bidId);
                    try (ResultSet r = s.executeQuery()) {
                        if (!r.next()) {
                            c.rollback();
                            return new Outcome(404, "no bid " + bidId, false);
                        }
                        if (r.getBigDecimal(2).compareTo(amount) != 0) {
                            c.rollback();
                            return new Outcome(400, "amount does not match bid " + bidId, false);
                        }
                        item = r.getLong(1);
                        already = r.getBoolean(3);
                    }
                }
                if (already || !valid) {
                    c.commit();
                    return new Outcome(200, already ? "already confirmed" : "rejected by the client", already);
                }
                try (PreparedStatement s = c.prepareStatement("UPDATE BIDS SET CONFIRMED = TRUE WHERE ID = ?")) {
                    s.setLong(1, bidId);
                    s.executeUpdate();
                }
                try (PreparedStatement s = c.prepareStatement("UPDATE ITEMS SET MAX_BID = GREATEST(MAX_BID, ?) WHERE ID = ?")) {
                    s.setBigDecimal(1, amount);
                    s.setLong(2, item);
                    s.executeUpdate();
                }
                c.commit();
                return new Outcome(200, "confirmed as validated by the client", true);
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        });
        if (out.status() != 200) {
            throw new HttpError(out.status(), out.reason());
        }
        JsonObject o = new JsonObject();
        o.addProperty("bidId", bidId);
        o.addProperty("confirmed", out.confirmed());
        o.addProperty("serverValidated", false);
        o.addProperty("reason", out.reason());
        return o;
    }

    /** {@code amount} (decimal string or number), or an old client's {@code amountCents}. */
    private static BigDecimal amount(JsonObject in) throws HttpError {
        if (in.has("amount")) {
            return in.get("amount").getAsBigDecimal().setScale(2, RoundingMode.UNNECESSARY);
        }
        if (in.has("amountCents")) {
            return BigDecimal.valueOf(in.get("amountCents").getAsLong(), 2);
        }
        throw new HttpError(400, "amount required");
    }

    private static String money(BigDecimal v) {
        return v.setScale(2, RoundingMode.UNNECESSARY).toPlainString();
    }

    /** SQL state 23505: unique violation, in H2 as in PostgreSQL. */
    private static boolean isDuplicateKey(SQLException e) {
        return "23505".equals(e.getSQLState());
    }

    private static long required(JsonObject in, String key) throws HttpError {
        if (!in.has(key) || in.get(key).isJsonNull()) {
            throw new HttpError(400, key + " required");
        }
        return in.get(key).getAsLong();
    }

    private static int intParam(Map<String, String> q, String key, int fallback) {
        String v = q.get(key);
        return v == null ? fallback : Integer.parseInt(v);
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> out = new HashMap<>();
        String q = uri.getRawQuery();
        if (q == null) {
            return out;
        }
        for (String part : q.split("&")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                out.put(part.substring(0, eq), part.substring(eq + 1));
            }
        }
        return out;
    }
}
