package imago.sim.engine;

/**
 * The data of the schema database in each universe: whose copy a universe's requests use, and how
 * conversions change it (DESIGN §4: copy-and-swap, offline conversions refuse writes).
 */
final class UniverseData {
    private final DataState[] data = {new DataState(), new DataState()};
    /** The database whose schema changes, or null when the upgrade changes no schema. */
    final TierRt schemaDb;
    /** The universe whose offline conversion made another universe's data read-only, per universe. */
    private final int[] readOnlySource = {-1, -1};

    UniverseData(TierRt schemaDb) {
        this.schemaDb = schemaDb;
    }

    /** The universe holding the data for requests of universe {@code u}: its own copy, or production's shared one. */
    int universeOf(int u) {
        return schemaDb == null || schemaDb.shared ? World.PROD : u;
    }

    /** The data requests of universe {@code u} use. */
    DataState of(int u) {
        return data[universeOf(u)];
    }

    /** The data held in universe {@code du} (a universe {@link #universeOf} returned). */
    DataState held(int du) {
        return data[du];
    }

    /**
     * A conversion of universe {@code du}'s data begins at {@code now} and takes {@code seconds};
     * {@code live} holds the data production serves from, which a copy is taken of.
     */
    void conversionStarted(int du, boolean offline, double seconds, double now, int live) {
        DataState d = data[du];
        d.conversionStarted = true;
        d.converting = true;
        d.converted = false;
        d.conversionStart = now;
        d.conversionEnd = now + seconds;
        d.ackedAtConversionStart = d.writesAcked;
        if (du != live) {
            d.copySource = live;
            d.sourceAckedAtCopy = data[live].writesAcked;
        }
        if (offline) {
            d.readOnly = true;
            // An offline copy has no incremental sync: its source must not take writes meanwhile.
            if (du != live) {
                data[live].readOnly = true;
                readOnlySource[du] = live;
            }
        }
    }

    void conversionEnded(int du) {
        DataState d = data[du];
        d.converting = false;
        d.converted = true;
        d.readOnly = false;
        if (readOnlySource[du] >= 0) {
            data[readOnlySource[du]].readOnly = false;
            readOnlySource[du] = -1;
        }
    }
}
