package imago.faultmodel.data;

import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * One real failure report, coded (a row of {@code upgrade-failures.csv}).
 *
 * @param id        unique row id, e.g. {@code B:HDFS-14726}
 * @param source    which of the three sources it comes from
 * @param sourceRef where to read the original (a JIRA, Q&amp;A or GitHub URL)
 * @param system    the software that failed
 * @param year      the year the report was filed, when known
 * @param values    the coded feature values, indexed by {@link Feature#ordinal()}
 * @param label     the coder's fault type: for validation only, never a feature
 */
public record FailureReport(String id, Source source, String sourceRef, String system, OptionalInt year,
                            List<String> values, TypeLabel label) {

    public FailureReport {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(sourceRef, "sourceRef");
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(year, "year");
        Objects.requireNonNull(label, "label");
        values = List.copyOf(values);
        if (values.size() != Feature.values().length) {
            throw new IllegalArgumentException("values: need one per feature (" + Feature.values().length
                    + "), got " + values.size());
        }
        for (Feature f : Feature.values()) {
            if (f.code(values.get(f.ordinal())) < 0) {
                throw new IllegalArgumentException(f.column() + ": not in the vocabulary: " + values.get(f.ordinal()));
            }
        }
    }

    public String value(Feature f) {
        return values.get(f.ordinal());
    }

    /** The vocabulary index of this report's value of {@code f}. */
    public int code(Feature f) {
        return f.code(value(f));
    }
}
