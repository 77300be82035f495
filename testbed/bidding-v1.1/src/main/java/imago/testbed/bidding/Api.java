package imago.testbed.bidding;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import java.io.IOException;
import java.io.OutputStream;
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
 * The HTTP JSON API of v1.1: v1's (money in integer cents, bid validation on the server at
 * confirmation) plus an optional {@code note} on a placed bid, stored in {@code BIDS.NOTE} and shown
 * with the item's top bids. Bids v1 placed have no note (NULL): shown as {@code null}.
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

    private final String node;
    private final ConnectionPool pool;

    Api(String node, ConnectionPool pool) {
        this.node = node;
        this.pool = pool;
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
        byte[] bytes = Json.write(reply.body()).getBytes(StandardCharsets.UTF_8);
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
            try (PreparedStatement s = c.prepareStatement("SELECT ID, NAME, START_PRICE_CENTS, MAX_BID_CENTS FROM ITEMS"
                    + " WHERE CATEGORY = ? ORDER BY ID LIMIT ? OFFSET ?")) {
                s.setInt(1, category);
                s.setInt(2, PAGE);
                s.setInt(3, page * PAGE);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        JsonObject i = new JsonObject();
                        i.addProperty("id", r.getLong(1));
                        i.addProperty("name", r.getString(2));
                        i.addProperty("startPriceCents", r.getLong(3));
                        i.addProperty("maxBidCents", r.getLong(4));
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
            try (PreparedStatement s = c.prepareStatement("SELECT ID, SELLER_ID, CATEGORY, NAME, START_PRICE_CENTS,"
                    + " MAX_BID_CENTS, END_DATE FROM ITEMS WHERE ID = ?")) {
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
                    o.addProperty("startPriceCents", r.getLong(5));
                    o.addProperty("maxBidCents", r.getLong(6));
                    o.addProperty("endDate", r.getTimestamp(7).toLocalDateTime().toString());
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
        try (PreparedStatement s = c.prepareStatement("SELECT ID, USER_ID, AMOUNT_CENTS, NOTE FROM BIDS WHERE ITEM_ID = ?"
                + " AND CONFIRMED ORDER BY AMOUNT_CENTS DESC, ID LIMIT 5")) {
            s.setLong(1, item);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    JsonObject b = new JsonObject();
                    b.addProperty("id", r.getLong(1));
                    b.addProperty("userId", r.getLong(2));
                    b.addProperty("amountCents", r.getLong(3));
                    b.addProperty("note", r.getString(4)); // NULL (a v1 bid, or none given): JSON null
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

    /** The longest note {@code BIDS.NOTE} holds. */
    static final int NOTE_LENGTH = 200;

    /** Places a pending bid, with its note when one is given; validated when it is confirmed. */
    private JsonObject placeBid(JsonObject in) throws SQLException, HttpError {
        long bidId = required(in, "bidId");
        long itemId = required(in, "itemId");
        long userId = required(in, "userId");
        long amount = required(in, "amountCents");
        if (amount <= 0) {
            throw new HttpError(400, "amountCents must be positive");
        }
        String note = in.has("note") && !in.get("note").isJsonNull() ? in.get("note").getAsString() : null;
        if (note != null && note.length() > NOTE_LENGTH) {
            throw new HttpError(400, "note longer than " + NOTE_LENGTH + " characters");
        }
        int inserted;
        try {
            inserted = pool.with(c -> {
                try (PreparedStatement s = c.prepareStatement("INSERT INTO BIDS(ID, ITEM_ID, USER_ID, AMOUNT_CENTS, PLACED_AT,"
                        + " CONFIRMED, NOTE) SELECT ?, ID, ?, ?, CURRENT_TIMESTAMP, FALSE, ? FROM ITEMS WHERE ID = ?")) {
                    s.setLong(1, bidId);
                    s.setLong(2, userId);
                    s.setLong(3, amount);
                    s.setString(4, note);
                    s.setLong(5, itemId);
                    return s.executeUpdate();
                }
            });
        } catch (SQLException e) {
            // By SQL state, not exception class: H2 and PostgreSQL's drivers throw different classes.
            if (isDuplicateKey(e)) {
                throw new HttpError(409, "bid " + bidId + " exists");
            }
            throw e;
        }
        if (inserted == 0) {
            throw new HttpError(404, "no item " + itemId);
        }
        JsonObject o = new JsonObject();
        o.addProperty("bidId", bidId);
        o.addProperty("status", "pending");
        o.addProperty("confirm", "/bids/" + bidId + "/confirm");
        return o;
    }

    /** Confirms a bid, validating it on the server: at least the start price, above the highest bid. */
    private JsonObject confirmBid(long bidId, JsonObject in) throws SQLException, HttpError {
        if (!in.has("amountCents")) {
            throw new HttpError(400, "amountCents required");
        }
        long amount = in.get("amountCents").getAsLong();
        record Outcome(int status, String reason, boolean confirmed) {
        }
        Outcome out = pool.with(c -> {
            c.setAutoCommit(false);
            try {
                long item;
                boolean already;
                try (PreparedStatement s = c.prepareStatement("SELECT ITEM_ID, AMOUNT_CENTS, CONFIRMED FROM BIDS WHERE ID = ? FOR UPDATE")) {
                    s.setLong(1, bidId);
                    try (ResultSet r = s.executeQuery()) {
                        if (!r.next()) {
                            c.rollback();
                            return new Outcome(404, "no bid " + bidId, false);
                        }
                        if (r.getLong(2) != amount) {
                            c.rollback();
                            return new Outcome(400, "amount does not match bid " + bidId, false);
                        }
                        item = r.getLong(1);
                        already = r.getBoolean(3);
                    }
                }
                if (already) {
                    c.commit();
                    return new Outcome(200, "already confirmed", true);
                }
                long start;
                long max;
                try (PreparedStatement s = c.prepareStatement("SELECT START_PRICE_CENTS, MAX_BID_CENTS FROM ITEMS WHERE ID = ? FOR UPDATE")) {
                    s.setLong(1, item);
                    try (ResultSet r = s.executeQuery()) {
                        r.next();
                        start = r.getLong(1);
                        max = r.getLong(2);
                    }
                }
                if (amount < start || amount <= max) {
                    c.commit();
                    return new Outcome(200, amount < start ? "below the start price" : "not above the highest bid", false);
                }
                try (PreparedStatement s = c.prepareStatement("UPDATE BIDS SET CONFIRMED = TRUE WHERE ID = ?")) {
                    s.setLong(1, bidId);
                    s.executeUpdate();
                }
                try (PreparedStatement s = c.prepareStatement("UPDATE ITEMS SET MAX_BID_CENTS = GREATEST(MAX_BID_CENTS, ?) WHERE ID = ?")) {
                    s.setLong(1, amount);
                    s.setLong(2, item);
                    s.executeUpdate();
                }
                c.commit();
                return new Outcome(200, "valid", true);
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
        o.addProperty("serverValidated", true);
        o.addProperty("reason", out.reason());
        return o;
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
