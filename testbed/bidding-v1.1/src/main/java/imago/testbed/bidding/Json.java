package imago.testbed.bidding;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.io.InputStream;
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

    static String write(JsonElement e) {
        return GSON.toJson(e);
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
