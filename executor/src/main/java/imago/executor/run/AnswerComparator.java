package imago.executor.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Compares a v1 answer with a v2 answer to the same read, through the upgrade's data mapping (cents
 * vs decimal amounts). Only the stable fields are compared: bids and highest bids change under
 * live traffic and may differ by the sync lag without anything being wrong.
 */
final class AnswerComparator {

    private static final ObjectMapper JSON = new ObjectMapper();

    private AnswerComparator() {
    }

    /** Empty when the answers agree, else what differs. */
    static String difference(String path, int statusA, String bodyA, int statusB, String bodyB) {
        if (statusA != statusB) {
            return "status " + statusA + " vs " + statusB;
        }
        if (statusA != 200) {
            return "";
        }
        try {
            String a = canonical(path, JSON.readTree(bodyA));
            String b = canonical(path, JSON.readTree(bodyB));
            return a.equals(b) ? "" : "body " + a + " vs " + b;
        } catch (IOException | RuntimeException e) {
            return "unreadable answer: " + e.getMessage();
        }
    }

    private static String canonical(String path, JsonNode n) {
        if (path.startsWith("/users/")) {
            return List.of(n.path("id").asText(), n.path("nickname").asText(), n.path("region").asText(),
                    n.path("rating").asText()).toString();
        }
        if (path.startsWith("/items?")) {
            List<String> items = new ArrayList<>();
            for (JsonNode i : n.path("items")) {
                items.add(i.path("id").asText() + ":" + i.path("name").asText() + ":" + startCents(i));
            }
            return items.toString();
        }
        return List.of(n.path("id").asText(), n.path("sellerId").asText(), n.path("category").asText(),
                n.path("name").asText(), Long.toString(startCents(n)), n.path("endDate").asText()).toString();
    }

    private static long startCents(JsonNode n) {
        if (n.has("startPriceCents")) {
            return n.get("startPriceCents").asLong();
        }
        return new BigDecimal(n.path("startPrice").asText("0")).movePointRight(2).longValueExact();
    }
}
