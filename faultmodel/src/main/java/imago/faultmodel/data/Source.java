package imago.faultmodel.data;

import java.util.Optional;

/** The three independent sources of failure reports (DESIGN §5), spelt as in the CSV. */
public enum Source {
    /** Upgrade failures filed as bugs (Zhang et al., SOSP 2021, and their tester's later finds). */
    BUG("bug"),
    /** Real misconfiguration cases of administrators (Liu et al. 2024). */
    OPERATOR("operator"),
    /** Public issue threads about upgrades that failed in the field. */
    FIELD("field");

    private final String code;

    Source(String code) {
        this.code = code;
    }

    /** The spelling used in the CSV and in output files. */
    public String code() {
        return code;
    }

    public static Optional<Source> parse(String code) {
        for (Source s : values()) {
            if (s.code.equals(code)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
