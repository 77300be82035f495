package imago.faultmodel.data;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A validated set of failure reports.
 *
 * @param name   where it was read from (a path or a resource name), for messages
 * @param rows   the reports, in file order
 * @param sha256 hex SHA-256 of the file's bytes, recorded in the learned fault model
 */
public record DataSet(String name, List<FailureReport> rows, String sha256) {

    public DataSet {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sha256, "sha256");
        rows = List.copyOf(rows);
    }

    public int size() {
        return rows.size();
    }

    /** Rows per source, in {@link Source} order; sources without rows are absent. */
    public Map<Source, Integer> countBySource() {
        Map<Source, Integer> m = new EnumMap<>(Source.class);
        for (FailureReport r : rows) {
            m.merge(r.source(), 1, Integer::sum);
        }
        return m;
    }
}
