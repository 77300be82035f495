package imago.sim.engine;

/** The persistent data of one universe, as the schema change sees it. */
final class DataState {
    /** Conversion to the new schema has begun (old-version code breaks on incompatible data). */
    boolean conversionStarted;
    boolean converting;
    boolean converted;
    double conversionStart;
    double conversionEnd;
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

    /** Share of rows already converted at time {@code t}. */
    double convertedFraction(double t) {
        if (converted) {
            return 1;
        }
        if (!converting || conversionEnd <= conversionStart) {
            return 0;
        }
        return Math.min(1, Math.max(0, (t - conversionStart) / (conversionEnd - conversionStart)));
    }

    void reset() {
        conversionStarted = false;
        converting = false;
        converted = false;
        readOnly = false;
        synced = false;
    }
}
