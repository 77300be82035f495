package imago.executor;

import java.util.Arrays;
import java.util.Locale;

/** Which database server a run uses: H2 (bundled, a Java process) or PostgreSQL (when installed). */
public enum DatabaseKind {
    H2("h2"),
    POSTGRESQL("postgresql");

    private final String configName;

    DatabaseKind(String configName) {
        this.configName = configName;
    }

    /** The name in an experiment's {@code executor: {database: ...}}. */
    public String configName() {
        return configName;
    }

    public static DatabaseKind parse(String name) {
        return Arrays.stream(values()).filter(k -> k.configName.equals(name.toLowerCase(Locale.ROOT))).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown database '" + name + "' (expected h2 or postgresql)"));
    }
}
