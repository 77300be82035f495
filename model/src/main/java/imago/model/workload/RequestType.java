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
 */
public record RequestType(String name, double weight, boolean write, List<String> path,
                          Optional<List<String>> tables) {
    public RequestType {
        path = List.copyOf(path);
        tables = tables.map(List::copyOf);
    }

    /** A request type that depends on every table of the schema change. */
    public RequestType(String name, double weight, boolean write, List<String> path) {
        this(name, weight, write, path, Optional.empty());
    }
}
