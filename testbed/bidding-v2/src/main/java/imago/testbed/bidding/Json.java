package imago.testbed.bidding;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonWriter;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.util.Properties;

/** JSON through the version's own copy of Gson; {@link #LIBRARY} names the version on the classpath. */
final class Json {

    static final String LIBRARY = "gson " + gsonVersion();

    private static final Gson GSON = new Gson();

    private Json() {
    }

    static JsonObject parseObject(String text) {
        if (text == null || text.isBlank()) {
            return new JsonObject();
        }
        JsonElement e = JsonParser.parseString(text);
        if (!e.isJsonObject()) {
            throw new IllegalArgumentException("expected a JSON object");
        }
        return e.getAsJsonObject();
    }

    /**
     * Writes strictly (Gson 2.11+, {@link Strictness}): v2's money is decimal, and a NaN or infinite
     * amount from a broken conversion must be an error, not a malformed answer. An older Gson on the
     * classpath lacks this method: the request fails with a {@link NoSuchMethodError}.
     */
    static String write(JsonElement e) {
        StringWriter out = new StringWriter();
        JsonWriter w = new JsonWriter(out);
        w.setStrictness(Strictness.STRICT);
        GSON.toJson(e, w);
        return out.toString();
    }

    /** Writes with what every Gson has: for the health check and for errors about the library itself. */
    static String writePlain(JsonElement e) {
        return e.toString();
    }

    /** The version recorded in the library's own Maven metadata, which the shaded jar keeps. */
    private static String gsonVersion() {
        try (InputStream in = Gson.class.getResourceAsStream("/META-INF/maven/com.google.code.gson/gson/pom.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
