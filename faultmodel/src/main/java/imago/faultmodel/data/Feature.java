package imago.faultmodel.data;

import java.util.List;

/**
 * The coded categorical features of a report: one CSV column each, with a closed vocabulary
 * (datasets/README.md is the codebook; a test keeps the two in step). The value {@code unknown}
 * means the report does not say; distances treat it as missing.
 */
public enum Feature {
    COMPONENT("component", List.of("app", "database", "message-broker", "web-server", "os-package", "library",
            "container-orchestrator", "storage", "other")),
    STAGE("stage", List.of("install", "configure", "data-migration", "start", "runtime",
            "rolling-mixed-version", "rollback")),
    SYMPTOM("symptom", List.of("fails-to-start", "crash", "error-responses", "data-loss", "data-corruption",
            "degraded", "wrong-result", "hang", "unknown")),
    CONFIG("involves_config", Vocab.YES_NO),
    PERSISTENT_DATA("involves_persistent_data", Vocab.YES_NO),
    LIBRARY_OR_RUNTIME("involves_library_or_runtime", Vocab.YES_NO),
    PORT_OR_LOCATION("involves_port_or_location", Vocab.YES_NO),
    PERMISSIONS("involves_permissions", Vocab.YES_NO),
    HUMAN_ERROR("human_error", Vocab.YES_NO),
    VERSION_GAP("version_gap", List.of("major", "minor", "patch", "unknown")),
    DETECTED("detected", List.of("immediately", "later", "unknown"));

    /** The value meaning "the report does not say". */
    public static final String UNKNOWN = "unknown";

    private final String column;
    private final List<String> vocabulary;

    Feature(String column, List<String> vocabulary) {
        this.column = column;
        this.vocabulary = vocabulary;
    }

    /** The CSV column. */
    public String column() {
        return column;
    }

    /** The allowed values, in codebook order. */
    public List<String> vocabulary() {
        return vocabulary;
    }

    /** The index of {@code value} in the vocabulary, or -1. */
    public int code(String value) {
        return vocabulary.indexOf(value);
    }

    /** The code of {@code unknown}, or -1 when this feature has no such value. */
    public int unknownCode() {
        return vocabulary.indexOf(UNKNOWN);
    }

    private static final class Vocab {
        static final List<String> YES_NO = List.of("yes", "no", "unknown");
    }
}
