package imago.executor.ingress;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * The ingress's routing table, replaced atomically as a whole.
 *
 * @param active        backends that take new requests
 * @param readOnly      writes are refused (blue-green: production is frozen while its copy converts)
 * @param plannedOutage the plan emptied {@code active} on purpose (in-place: stop..start), so a
 *                      refusal for lack of a backend counts as planned unavailability
 * @param sticky        after a switch that drains sessions: where callbacks produced by the old
 *                      version still go, so that they are consumed by the version that issued them
 * @param split         a canary's weighted split of sessions between the versions of {@code active};
 *                      empty: every request goes round robin to any active backend
 */
public record Routing(List<Backend> active, boolean readOnly, boolean plannedOutage, Optional<Sticky> sticky,
                      Optional<Split> split) {

    /**
     * A canary's split, as Argo Rollouts' traffic routers set it: each new session goes to the
     * backends of {@code version} with probability {@code weight}/100, the others to the rest of
     * {@code active}, and stays there while the split lasts (sticky), whatever later weights say. At
     * 0 and 100 every request goes to one side. The draw is a function of {@code seed} and the
     * session alone, so a run sends the same sessions the same way whatever the order they come in.
     */
    public record Split(String version, int weight, long seed) {
        public Split {
            if (weight < 0 || weight > 100) {
                throw new IllegalArgumentException("a weight must be in 0..100 (was " + weight + ")");
            }
        }

        /** Where a session seen for the first time goes: true for {@code version}'s backends. */
        public boolean sendsToNew(String session) {
            if (weight == 0 || weight == 100) {
                return weight == 100;
            }
            // SplittableRandom mixes its seed: one well-spread uniform number per (seed, session).
            double u = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + session.hashCode()).nextDouble();
            return u < weight / 100.0;
        }

        public Split withWeight(int w) {
            return new Split(version, w, seed);
        }
    }

    /** A table without a split. */
    public Routing(List<Backend> active, boolean readOnly, boolean plannedOutage, Optional<Sticky> sticky) {
        this(active, readOnly, plannedOutage, sticky, Optional.empty());
    }

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
        return new Routing(a, readOnly, plannedOutage, sticky, split);
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
        return new Routing(active, r, plannedOutage, sticky, split);
    }

    public Routing withPlannedOutage(boolean p) {
        return new Routing(active, readOnly, p, sticky, split);
    }

    public Routing withSticky(Optional<Sticky> s) {
        return new Routing(active, readOnly, plannedOutage, s, split);
    }

    public Routing withSplit(Optional<Split> s) {
        return new Routing(active, readOnly, plannedOutage, sticky, s);
    }

    /**
     * The backends a session's request may go to under the split: {@code toNew} says which side the
     * session is on; a side without backends leaves the other (never no backend while one is active).
     */
    public List<Backend> side(boolean toNew) {
        if (split.isEmpty()) {
            return active;
        }
        String v = split.get().version();
        List<Backend> pool = active.stream().filter(b -> b.version().equals(v) == toNew).toList();
        return pool.isEmpty() ? active : pool;
    }

    /** Count of active backends running {@code version}. */
    public long count(String version) {
        return active.stream().filter(b -> b.version().equals(version)).count();
    }
}
