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
 * The v2 configuration, read from a properties file.
 *
 * <p>v2 renamed v1's {@code db.timeout} (seconds) to {@code db.timeoutMs} (milliseconds); an old
 * {@code db.timeout} is ignored with a warning, as the release notes say. {@code money.currency}
 * is new: the currency of amounts, which v1 did not store.
 */
record AppConfig(String node, int httpPort, String dbUrl, String dbUser, String dbPassword, int poolSize,
                 Duration dbTimeout, String currency, List<String> warnings) {

    private static final Set<String> KNOWN = Set.of("node.name", "http.port", "db.url", "db.user", "db.password",
            "db.pool.size", "db.timeoutMs", "money.currency");

    static AppConfig load(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        }
        List<String> warnings = new ArrayList<>();
        for (String key : p.stringPropertyNames()) {
            if (key.equals("db.timeout")) {
                warnings.add("db.timeout was renamed db.timeoutMs (milliseconds) in v2; ignoring it");
            } else if (!KNOWN.contains(key)) {
                warnings.add("ignoring unknown directive " + key);
            }
        }
        int port = Integer.parseInt(required(p, "http.port"));
        // v2 takes the pool size as given: 0 is accepted and means no connection can ever be had.
        int pool = Integer.parseInt(p.getProperty("db.pool.size", "8").trim());
        long timeoutMs = Long.parseLong(p.getProperty("db.timeoutMs", "5000").trim());
        return new AppConfig(p.getProperty("node.name", "app").trim(), port, required(p, "db.url"),
                p.getProperty("db.user", "app").trim(), p.getProperty("db.password", "").trim(), pool,
                Duration.ofMillis(timeoutMs), p.getProperty("money.currency", "USD").trim(), List.copyOf(warnings));
    }

    private static String required(Properties p, String key) {
        String v = p.getProperty(key);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("missing required directive " + key);
        }
        return v.trim();
    }
}
