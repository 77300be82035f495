package imago.sim.engine;

import imago.model.plan.Step;

/**
 * The persistent data of one universe, as the schema change sees it: table by table, each in the
 * new schema from its swap on (copy-and-swap), so which tables are swapped is a bit mask in the
 * schema change's table order.
 */
final class DataState {
    /** Conversion to the new schema has begun. */
    boolean conversionStarted;
    boolean converting;
    boolean converted;
    double conversionStart;
    double conversionEnd;
    /** Tables in the new schema outside a running conversion (all after one, none before). */
    long swapped;
    /** The half of an expand/contract change the running (or last) conversion runs, or all of it. */
    Step.ConvertData.Phase phase = Step.ConvertData.Phase.FULL;
    /** Tables an expansion swapped before the contraction began: the new version uses them. */
    long expanded;
    /** While converting: when each table swaps, in table order. */
    double[] swapAt = new double[0];
    /** Tables the running (or last) conversion leaves out (a type 4 fault skipped their step): never swapped by it. */
    long skipped;
    /** Writes are refused (offline conversion). */
    boolean readOnly;
    /** Writes acknowledged to clients in this universe, ever. */
    long writesAcked;
    long ackedAtConversionStart;

    /** The universe this one's data was copied from by a conversion, or -1. */
    int copySource = -1;
    /** The source's acknowledged writes when the copy was taken. */
    long sourceAckedAtCopy;
    /** An incremental sync keeps this copy up to date with its source. */
    boolean synced;
    /**
     * While a conversion or sync fills this data: the universe whose data it reads, and its share
     * of that database (of the one machine, when the processors are shared).
     */
    int readFrom = -1;
    double readShare;
    /** When the reading ends before the step does: a copy's export runs ahead of its load. */
    double readUntil = Double.POSITIVE_INFINITY;
    /** A copy's export time, every table exported (a skipped table's share is taken off it). */
    double exportSeconds;

    /** The tables in the new schema at time {@code t}. */
    long swappedAt(double t) {
        if (!converting) {
            return swapped;
        }
        long m = swapped;
        for (int i = 0; i < swapAt.length; i++) {
            if (t >= swapAt[i] && (skipped & (1L << i)) == 0) {
                m |= 1L << i;
            }
        }
        return m;
    }

    /** The tables the new version can use at time {@code t}: expanded, or swapped by a full conversion or an expansion. */
    long newUsableAt(double t) {
        return expanded | swappedAt(t);
    }

    /**
     * The tables changed at time {@code t} in a way the old version may not survive: those a full
     * conversion or a contraction swapped. An expansion keeps the old columns, so none of its.
     */
    long oldChangedAt(double t) {
        return phase == Step.ConvertData.Phase.EXPAND ? 0 : swappedAt(t);
    }

    void reset() {
        phase = Step.ConvertData.Phase.FULL;
        expanded = 0;
        conversionStarted = false;
        converting = false;
        converted = false;
        readOnly = false;
        synced = false;
        swapped = 0;
        skipped = 0;
    }
}
