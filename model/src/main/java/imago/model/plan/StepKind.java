package imago.model.plan;

/** The kinds of step a plan is made of (DESIGN §2). Config spelling: the PascalCase name. */
public enum StepKind {
    PROVISION("Provision"),
    DRAIN("Drain"),
    STOP("Stop"),
    INSTALL("Install"),
    CONFIGURE("Configure"),
    START("Start"),
    CONVERT_DATA("ConvertData"),
    SYNC_DATA("SyncData"),
    RUNTIME_TEST("RuntimeTest"),
    SWITCH("Switch"),
    RETIRE("Retire"),
    ROLLBACK("Rollback"),
    WAIT("Wait"),
    SET_WEIGHT("SetWeight"),
    ANALYSIS("Analysis");

    private final String configName;

    StepKind(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    /** The kind spelt {@code name} in a config (case-insensitive, dashes and underscores ignored). */
    public static java.util.Optional<StepKind> parse(String name) {
        String wanted = name.replace("-", "").replace("_", "");
        for (StepKind k : values()) {
            if (k.configName.equalsIgnoreCase(wanted)) {
                return java.util.Optional.of(k);
            }
        }
        return java.util.Optional.empty();
    }
}
