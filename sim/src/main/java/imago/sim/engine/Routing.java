package imago.sim.engine;

import java.util.Arrays;
import java.util.List;

/**
 * The serving nodes of each tier in each universe, rebuilt after every change of node state, and
 * the choice of one of them for a request (the hot path: no allocation).
 */
final class Routing {
    private final NodeRt[][][] serving;
    private final int[][] count;
    private final int[][] cursor;
    /** The same per version (0 old, 1 new), for a canary's ingress: [universe][tier][version]. */
    private final NodeRt[][][][] byVersion;
    private final int[][][] versionCount;
    private final int[][][] versionCursor;
    private final boolean leastLoaded;

    /** Slots for every node there will be: all of them are known before the run starts. */
    Routing(List<NodeRt> nodes, int tiers, boolean leastLoaded) {
        this.leastLoaded = leastLoaded;
        serving = new NodeRt[2][tiers][];
        count = new int[2][tiers];
        cursor = new int[2][tiers];
        byVersion = new NodeRt[2][tiers][2][];
        versionCount = new int[2][tiers][2];
        versionCursor = new int[2][tiers][2];
        int[][] slots = new int[2][tiers];
        for (NodeRt n : nodes) {
            slots[n.universe][n.tier.index]++;
        }
        for (int u = 0; u < 2; u++) {
            for (int t = 0; t < tiers; t++) {
                serving[u][t] = new NodeRt[slots[u][t]];
                byVersion[u][t][0] = new NodeRt[slots[u][t]];
                byVersion[u][t][1] = new NodeRt[slots[u][t]];
            }
        }
    }

    void rebuild(List<NodeRt> nodes) {
        for (int u = 0; u < 2; u++) {
            Arrays.fill(count[u], 0);
            for (int[] v : versionCount[u]) {
                Arrays.fill(v, 0);
            }
        }
        for (NodeRt n : nodes) {
            if (n.serving()) {
                serving[n.universe][n.tier.index][count[n.universe][n.tier.index]++] = n;
                int v = n.newVersion ? 1 : 0;
                byVersion[n.universe][n.tier.index][v][versionCount[n.universe][n.tier.index][v]++] = n;
            }
        }
    }

    /** Serving nodes of tier {@code t} in universe {@code u}. */
    int count(int u, int t) {
        return count[u][t];
    }

    /** The {@code i}-th serving node of tier {@code t} in universe {@code u}. */
    NodeRt at(int u, int t, int i) {
        return serving[u][t][i];
    }

    /** The position in the serving list of tier {@code t} in universe {@code u} that the next pick starts at. */
    int next(int u, int t) {
        int i = cursor[u][t];
        return i < count[u][t] ? i : 0;
    }

    /** A serving node of tier {@code t} in universe {@code u}, or null when there is none. */
    NodeRt pick(int u, int t) {
        return pick(serving[u][t], count[u][t], cursor[u], t);
    }

    /** A serving node of tier {@code t} in universe {@code u} on version {@code v} (1 new), or null. */
    NodeRt pick(int u, int t, int v) {
        return pick(byVersion[u][t][v], versionCount[u][t][v], versionCursor[u][t], v);
    }

    /** Round robin over the first {@code n} of {@code list}, its cursor at {@code cursors[slot]}. */
    private NodeRt pick(NodeRt[] list, int n, int[] cursors, int slot) {
        if (n == 0) {
            return null;
        }
        if (n == 1) {
            return list[0];
        }
        int i = cursors[slot];
        if (i >= n) {
            i = 0; // the list may have shrunk since
        }
        cursors[slot] = i + 1;
        NodeRt best = list[i];
        if (leastLoaded) {
            for (int k = 1; k < n; k++) {
                int j = i + k;
                NodeRt c = list[j < n ? j : j - n];
                if (c.inflight < best.inflight) {
                    best = c;
                }
            }
        }
        return best;
    }
}
