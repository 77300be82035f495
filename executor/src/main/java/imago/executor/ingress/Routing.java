package imago.executor.ingress;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The ingress's routing table, replaced atomically as a whole.
 *
 * @param active        backends that take new requests
 * @param readOnly      writes are refused (blue-green: production is frozen while its copy converts)
 * @param plannedOutage the plan emptied {@code active} on purpose (in-place: stop..start), so a
 *                      refusal for lack of a backend counts as planned unavailability
 * @param sticky        after a switch that drains sessions: where callbacks produced by the old
 *                      version still go, so that they are consumed by the version that issued them
 */
public record Routing(List<Backend> active, boolean readOnly, boolean plannedOutage, Optional<Sticky> sticky) {

    /** Callbacks produced by {@code version} go to {@code backends}. */
    public record Sticky(String version, List<Backend> backends) {
        public Sticky {
            backends = List.copyOf(backends);
        }
    }

    public Routing {
        active = List.copyOf(active);
    }

    public static Routing of(List<Backend> active) {
        return new Routing(active, false, false, Optional.empty());
    }

    public Routing withActive(List<Backend> a) {
        return new Routing(a, readOnly, plannedOutage, sticky);
    }

    public Routing plus(Backend b) {
        List<Backend> a = new ArrayList<>(active);
        a.removeIf(x -> x.id().equals(b.id()));
        a.add(b);
        return withActive(a);
    }

    public Routing minus(String backendId) {
        List<Backend> a = new ArrayList<>(active);
        a.removeIf(x -> x.id().equals(backendId));
        return withActive(a);
    }

    public Routing withReadOnly(boolean r) {
        return new Routing(active, r, plannedOutage, sticky);
    }

    public Routing withPlannedOutage(boolean p) {
        return new Routing(active, readOnly, p, sticky);
    }

    public Routing withSticky(Optional<Sticky> s) {
        return new Routing(active, readOnly, plannedOutage, s);
    }

    /** Count of active backends running {@code version}. */
    public long count(String version) {
        return active.stream().filter(b -> b.version().equals(version)).count();
    }
}
