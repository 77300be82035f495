package imago.faultmodel;

import java.util.Optional;

/** The clustering method whose result becomes the fault model; the other one cross-checks it. */
public enum Method {
    /** Agglomerative hierarchical clustering, average linkage, as in the original study. */
    UPGMA("upgma"),
    /** k-modes on the categorical codes. */
    KMODES("kmodes");

    private final String code;

    Method(String code) {
        this.code = code;
    }

    /** The spelling on the command line ({@code --method upgma|kmodes}). */
    public String code() {
        return code;
    }

    public Method other() {
        return this == UPGMA ? KMODES : UPGMA;
    }

    public static Optional<Method> parse(String code) {
        for (Method m : values()) {
            if (m.code.equalsIgnoreCase(code)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }
}
