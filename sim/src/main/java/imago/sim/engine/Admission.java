package imago.sim.engine;

import imago.model.upgrade.Upgrade;
import umontreal.ssj.rng.RandomStream;

/**
 * Whether a node can serve a request: its active faults, and the hidden dependencies the upgrade
 * breaks (DESIGN §4): old code on a table already swapped to a schema it cannot read (or, for a
 * writing request, write), new code on a table not swapped yet that it cannot use (each only for
 * requests that use the table, by the schema change's per-table access), an old node
 * whose host got a linked tier's new library, a caller configured with the other version's
 * location the callee does not have yet. The same checks say whether production is left failing at the end.
 */
final class Admission {
    /** Verdicts of {@link #admit}: serve, or fail as planned or unplanned unavailability. */
    static final int OK = 0, PLANNED = 1, UNPLANNED = 2;

    private final Engine engine;
    private final World w;
    private final RandomStream effects;
    private final double partialShare;
    /** The schema change breaks some version on some table: checked per request only then. */
    private final boolean schemaBreaks;
    private final boolean libraryChange;

    Admission(Engine engine, World w, Upgrade up, RandomStream effects, double partialShare) {
        this.engine = engine;
        this.w = w;
        this.effects = effects;
        this.partialShare = partialShare;
        this.schemaBreaks = w.data.breaksAVersion();
        this.libraryChange = !up.libraries().isEmpty();
    }

    /** Share of the requests through a node that a semantic-configuration fault fails. */
    double partialShare() {
        return partialShare;
    }

    /** Whether node {@code n} of tier {@code t} can serve request {@code r} of universe {@code u}. */
    int admit(Request r, NodeRt n, TierRt t, int u) {
        if (n.faultAll > 0) {
            return UNPLANNED;
        }
        if (n.faultShare > 0 && effects.nextDouble() < partialShare) {
            return UNPLANNED;
        }
        if (n.faultData > 0 && r.touchesData) {
            return UNPLANNED;
        }
        if (schemaBreaks && t.dataDependent && r.touchesData
                && w.data.broken(w.data.of(u), n.newVersion, r.write, r.callback ? r.type.callbackTables : r.type.tables, engine.now()) != 0) {
            // Old code fails on a swapped table it cannot read (or write), new code on one not swapped yet.
            return UNPLANNED;
        }
        // (b) an old node whose host got a linked tier's new library
        if (libraryChange && !n.newVersion && (w.newLibraries(n.host) & t.libraryLinks) != 0) {
            return UNPLANNED;
        }
        // (c) a new caller configured with the moved location, which an old callee does not serve yet;
        // a moved callee's new version still answers at its old location, so old callers reach it
        // (why upgrading providers before consumers, as dependency tracking does, avoids the break)
        if (t.moved && r.hop > 0 && (t.locationCallers & (1L << r.prevTier)) != 0
                && w.tiers[r.prevTier].upgraded && r.prevNew && !n.newVersion) {
            return UNPLANNED;
        }
        if (r.write && t == w.data.schemaDb && w.data.of(u).readOnly) {
            return PLANNED;
        }
        return OK;
    }

    /**
     * Whether production is left failing: a tier requests need has no serving node, or a serving
     * node has an active fault or a broken hidden dependency.
     */
    boolean productionFailing() {
        int u = w.servingUniverse;
        DataState data = w.data.of(u);
        Routing routing = w.routing;
        for (TierRt t : w.tiers) {
            if ((w.tiersInUse & (1L << t.index)) == 0) {
                continue;
            }
            int eu = w.effective(t, u);
            int count = routing.count(eu, t.index);
            if (count == 0) {
                return true;
            }
            for (int i = 0; i < count; i++) {
                NodeRt n = routing.at(eu, t.index, i);
                if (n.faultAll > 0 || n.faultShare > 0 || n.faultData > 0) {
                    return true;
                }
                if (schemaBreaks && t.dataDependent
                        && (w.data.broken(data, n.newVersion, false, w.data.usedTables, engine.now())
                        | w.data.broken(data, n.newVersion, true, w.data.usedWriteTables, engine.now())) != 0) {
                    return true;
                }
                if (libraryChange && !n.newVersion && (w.newLibraries(n.host) & t.libraryLinks) != 0) {
                    return true;
                }
                if (t.moved && callerOnOtherVersion(t, u, n)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A serving caller of moved tier {@code t} from an upgraded tier runs the new version while {@code n} is old. */
    private boolean callerOnOtherVersion(TierRt t, int u, NodeRt n) {
        for (TierRt c : w.tiers) {
            if ((t.locationCallers & (1L << c.index)) != 0 && c.upgraded) {
                int ce = w.effective(c, u);
                for (int k = 0; k < w.routing.count(ce, c.index); k++) {
                    if (w.routing.at(ce, c.index, k).newVersion && !n.newVersion) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
