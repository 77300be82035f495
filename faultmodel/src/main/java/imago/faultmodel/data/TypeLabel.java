package imago.faultmodel.data;

import imago.model.fault.FaultType;

import java.util.Optional;

/**
 * The fault type a human coder gave a report. Used only to validate clusters, never as a feature.
 * {@code X} marks a defect in the upgrade code itself, {@code U} a report whose cause is unclear.
 */
public enum TypeLabel {
    TYPE_1("1"),
    TYPE_2("2"),
    TYPE_3("3"),
    TYPE_4("4"),
    UPGRADE_DEFECT("X"),
    UNCLEAR("U");

    private final String code;

    TypeLabel(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** The fault type of a 1-4 label; empty for X and U. */
    public Optional<FaultType> faultType() {
        return switch (this) {
            case TYPE_1 -> Optional.of(FaultType.SIMPLE_CONFIG);
            case TYPE_2 -> Optional.of(FaultType.SEMANTIC_CONFIG);
            case TYPE_3 -> Optional.of(FaultType.BROKEN_ENVIRONMENT);
            case TYPE_4 -> Optional.of(FaultType.DATA_ACCESS);
            case UPGRADE_DEFECT, UNCLEAR -> Optional.empty();
        };
    }

    public static Optional<TypeLabel> parse(String code) {
        for (TypeLabel l : values()) {
            if (l.code.equals(code)) {
                return Optional.of(l);
            }
        }
        return Optional.empty();
    }
}
