package imago.executor.testbed;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One application node's configuration, written as the properties file its version reads. The
 * versions spell the database timeout differently: v1 and v1.1 {@code db.timeout} in seconds, v2
 * {@code db.timeoutMs} in milliseconds (and v2 adds {@code money.currency}).
 */
public record NodeConfig(String version, String node, int httpPort, String dbUrl, String dbUser, String dbPassword,
                         int poolSize, int timeoutSeconds) {

    public Map<String, String> directives() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("node.name", node);
        m.put("http.port", Integer.toString(httpPort));
        m.put("db.url", dbUrl);
        m.put("db.user", dbUser);
        m.put("db.password", dbPassword);
        m.put("db.pool.size", Integer.toString(poolSize));
        if (version.equals(BiddingTestbed.V2)) {
            m.put("db.timeoutMs", Integer.toString(timeoutSeconds * 1000));
            m.put("money.currency", "USD");
        } else {
            m.put("db.timeout", Integer.toString(timeoutSeconds));
        }
        return m;
    }

    public NodeConfig withDbUrl(String url) {
        return new NodeConfig(version, node, httpPort, url, dbUser, dbPassword, poolSize, timeoutSeconds);
    }

    public NodeConfig withPoolSize(int size) {
        return new NodeConfig(version, node, httpPort, dbUrl, dbUser, dbPassword, size, timeoutSeconds);
    }

    /** Writes the file; values are ours (ports, generated passwords), escaped as properties anyway. */
    public void write(Path file) throws IOException {
        StringBuilder sb = new StringBuilder("# written by the Imago executor for " + node + " (" + version + ")\n");
        for (var e : directives().entrySet()) {
            sb.append(e.getKey()).append('=').append(escape(e.getValue())).append('\n');
        }
        Files.writeString(file, sb.toString());
    }

    private static String escape(String v) {
        StringBuilder sb = new StringBuilder();
        for (char c : v.toCharArray()) {
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case ':' -> sb.append("\\:");
                case '=' -> sb.append("\\=");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
