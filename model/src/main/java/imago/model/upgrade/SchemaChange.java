package imago.model.upgrade;

import imago.model.plan.Universe;

import java.util.OptionalDouble;

/**
 * A change of the persistent data's schema.
 *
 * @param database       the database tier holding the data
 * @param compatible     whether the old version can still use the data after conversion; when not,
 *                       old-version nodes that read converted data fail (a hidden data dependency)
 * @param rows           rows to convert
 * @param conversionRate rows converted per second in place (within one database)
 * @param parallelRate   rows per second when the conversion writes into another universe's
 *                       database (read from production, converted, written to the copy); the
 *                       executor measures it several times slower than in place. Empty: the same
 *                       as {@code conversionRate}
 */
public record SchemaChange(String database, boolean compatible, long rows, double conversionRate,
                           OptionalDouble parallelRate) {

    public SchemaChange(String database, boolean compatible, long rows, double conversionRate) {
        this(database, compatible, rows, conversionRate, OptionalDouble.empty());
    }

    /** Rows per second of a conversion into {@code universe}'s database. */
    public double rate(Universe universe) {
        return universe == Universe.PARALLEL ? parallelRate.orElse(conversionRate) : conversionRate;
    }

    /** Seconds to convert every row in bulk, in place. */
    public double bulkSeconds() {
        return rows / conversionRate;
    }
}
