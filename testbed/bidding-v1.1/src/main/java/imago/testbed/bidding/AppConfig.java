package imago.testbed.bidding;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;

/**
 * The v1.1 configuration, read from a properties file: v1's directives, with one changed default,
 * {@code db.pool.size} 16 (v1: 8). {@code db.timeout} stays in seconds.
 */
record AppConfig(String node, int httpPort, String dbUrl, String dbUser, String dbPassword, int poolSize,
                 Duration dbTimeout, List<String> warnings) {

    private static final Set<String> KNOWN = Set.of("node.name", "http.port", "db.url", "db.user", "db.password",
            "db.pool.size", "db.timeout");

    /** The changed default of this upgrade (v1: 8). */
    static final String DEFAULT_POOL_SIZE = "16";

    static AppConfig load(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        }
        List<String> warnings = new ArrayList<>();
        for (String key : p.stringPropertyNames()) {
            if (!KNOWN.contains(key)) {
                // Like most servers, v1 ignores directives it does not know, with a warning.
                warnings.add("ignoring unknown directive " + key);
            }
        }
        int port = Integer.parseInt(required(p, "http.port"));
        int pool = Integer.parseInt(p.getProperty("db.pool.size", DEFAULT_POOL_SIZE).trim());
        long timeoutS = Long.parseLong(p.getProperty("db.timeout", "5").trim());
        return new AppConfig(p.getProperty("node.name", "app").trim(), port, required(p, "db.url"),
                p.getProperty("db.user", "app").trim(), p.getProperty("db.password", "").trim(), pool,
                Duration.ofSeconds(timeoutS), List.copyOf(warnings));
    }

    private static String required(Properties p, String key) {
        String v = p.getProperty(key);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("missing required directive " + key);
        }
        return v.trim();
    }
}
