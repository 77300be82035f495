package imago.model.workload;

import java.util.List;
import java.util.Optional;

/**
 * One kind of request in the mix.
 *
 * @param name   e.g. {@code view-item}
 * @param weight relative frequency in the mix
 * @param write  whether it writes persistent data (writes are what can be lost)
 * @param path   the tiers it traverses, in order
 * @param tables the converted tables whose changed columns it reads or writes, by the schema
 *               change's names; a table it uses only through unchanged columns is not listed.
 *               Empty: every table of the schema change, when its path reaches the database
 * @param cost   the work it asks of each tier on its path against the average request's (a page of
 *               items against one item): every tier's service time for it is scaled by this. With
 *               costs that differ, the tail of the latency comes from the costly types (1: all alike)
 */
public record RequestType(String name, double weight, boolean write, List<String> path,
                          Optional<List<String>> tables, double cost) {
    public RequestType {
        path = List.copyOf(path);
        tables = tables.map(List::copyOf);
        if (!(cost > 0) || Double.isInfinite(cost)) {
            throw new IllegalArgumentException("cost: must be a positive number (was " + cost + ")");
        }
    }

    /** A request type of the average cost. */
    public RequestType(String name, double weight, boolean write, List<String> path, Optional<List<String>> tables) {
        this(name, weight, write, path, tables, 1);
    }

    /** A request type of the average cost that depends on every table of the schema change. */
    public RequestType(String name, double weight, boolean write, List<String> path) {
        this(name, weight, write, path, Optional.empty());
    }

    /** The same type asking {@code c} times the average request's work. */
    public RequestType withCost(double c) {
        return new RequestType(name, weight, write, path, tables, c);
    }
}
