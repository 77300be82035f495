package imago.sim.engine;

import imago.model.topology.TierKind;
import imago.model.workload.AsyncInteractions;
import imago.model.workload.RequestType;

import java.util.Arrays;
import java.util.List;

/** The workload's request types as tier paths, and the draw of one type by its weight. */
final class RequestMix {
    private final World w;
    private final RequestTypeRt[] types;
    private final double[] cumulativeWeight;
    /** The longest path of a request or callback: the size of a request's per-hop arrays. */
    final int maxPath;

    /**
     * @param interfaceTier the tier of the changed interface callbacks go back to, or -1 when the
     *                      upgrade does not change it
     */
    RequestMix(List<RequestType> mix, AsyncInteractions async, World w, int interfaceTier) {
        this.w = w;
        types = new RequestTypeRt[mix.size()];
        cumulativeWeight = new double[mix.size()];
        double total = 0;
        double issuing = 0;
        for (RequestType rt : mix) {
            total += rt.weight();
            issuing += issues(async, rt) ? rt.weight() : 0;
        }
        // The async fraction is a share of all requests, carried by the issuing types alone (as the
        // executor's load generator confirms placed bids): fraction / their share of the mix each.
        double issuingP = async.from().isEmpty() ? async.fraction()
                : issuing > 0 ? Math.min(1, async.fraction() * total / issuing) : 0;
        long callbackTables = w.data.mask(java.util.Optional.of(async.tables()));
        total = 0;
        int longest = 1;
        for (int i = 0; i < mix.size(); i++) {
            RequestType rt = mix.get(i);
            total += rt.weight();
            cumulativeWeight[i] = total;
            types[i] = typeOf(i, rt, interfaceTier, issues(async, rt) ? issuingP : 0, callbackTables, !async.tables().isEmpty(),
                    async.cost());
            longest = Math.max(longest, Math.max(types[i].path.length, types[i].callbackPath.length));
            int[] path = types[i].path;
            for (int h = 0; h < path.length; h++) {
                w.tiersInUse |= 1L << path[h];
                for (int later = h + 1; later < path.length; later++) {
                    w.downstream[path[h]] |= 1L << path[later];
                }
            }
        }
        if (!(total > 0)) {
            throw new IllegalArgumentException("workload.mix: weights must sum to > 0");
        }
        for (int i = 0; i < cumulativeWeight.length; i++) {
            cumulativeWeight[i] /= total;
        }
        maxPath = longest;
    }

    int size() {
        return types.length;
    }

    /** The {@code i}-th type of the mix (its {@link RequestTypeRt#index}). */
    RequestTypeRt type(int i) {
        return types[i];
    }

    /** The type a uniform {@code u} draws. */
    RequestTypeRt pick(double u) {
        int k = 0;
        while (k < cumulativeWeight.length - 1 && u >= cumulativeWeight[k]) {
            k++;
        }
        return types[k];
    }

    private RequestTypeRt typeOf(int index, RequestType rt, int interfaceTier, double callbackP, long callbackTables,
                                 boolean callbackUsesData, double callbackCost) {
        int[] path = rt.path().stream().mapToInt(n -> w.tier(n).index).toArray();
        // A callback runs back to the tier where the interface lives: the path up to it (or to the
        // last service tier when the interface did not change), without the data behind it.
        int target = interfaceTier;
        if (target < 0) {
            target = path[path.length - 1];
            for (int t : path) {
                if (w.tiers[t].kind == TierKind.SERVICE) {
                    target = t;
                }
            }
        }
        int at = -1;
        for (int i = 0; i < path.length; i++) {
            if (path[i] == target) {
                at = i;
                break;
            }
        }
        int[] callbackPath = at >= 0 ? Arrays.copyOf(path, at + 1)
                : path[0] == target ? new int[] {target} : new int[] {path[0], target};
        int producerHop = at >= 0 ? at : path.length - 1;
        long tables = w.data.mask(rt.tables());
        if (touchesData(path)) {
            w.data.usedTables |= tables;
            if (rt.write()) {
                w.data.usedWriteTables |= tables;
            }
        }
        // A callback that names its tables uses them (through the interface's tier); else only a path to the data does.
        return new RequestTypeRt(index, rt.write(), path, touchesData(path), tables, producerHop,
                callbackPath, callbackUsesData || touchesData(callbackPath), callbackUsesData ? callbackTables : tables,
                callbackPath.length - 1, callbackP, rt.cost(), callbackCost);
    }

    /** Whether answers of {@code rt} issue callbacks: every type's when {@code async.from} names none. */
    private static boolean issues(AsyncInteractions async, RequestType rt) {
        return async.from().isEmpty() || async.from().contains(rt.name());
    }

    private boolean touchesData(int[] path) {
        for (int t : path) {
            if (w.tiers[t].kind == TierKind.DATABASE) {
                return true;
            }
        }
        return false;
    }
}
