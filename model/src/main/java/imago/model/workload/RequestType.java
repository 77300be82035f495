package imago.model.workload;

import java.util.List;

/**
 * One kind of request in the mix.
 *
 * @param name   e.g. {@code view-item}
 * @param weight relative frequency in the mix
 * @param write  whether it writes persistent data (writes are what can be lost)
 * @param path   the tiers it traverses, in order
 */
public record RequestType(String name, double weight, boolean write, List<String> path) {
    public RequestType {
        path = List.copyOf(path);
    }
}
