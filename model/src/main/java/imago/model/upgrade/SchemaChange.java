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
 * @param conversionRate rows converted per second in place (within one database), while it serves
 * @param parallelRate   rows per second when the conversion writes into another universe's
 *                       database (read from production, converted, written to the copy); the
 *                       executor measures it slower than in place. Empty: {@code conversionRate}
 * @param offlineRate    rows per second in place with the application stopped (an in-place
 *                       upgrade), when no live request competes for the database; the executor
 *                       measures it faster. Empty: {@code conversionRate}
 */
public record SchemaChange(String database, boolean compatible, long rows, double conversionRate,
                           OptionalDouble parallelRate, OptionalDouble offlineRate) {

    public SchemaChange(String database, boolean compatible, long rows, double conversionRate) {
        this(database, compatible, rows, conversionRate, OptionalDouble.empty(), OptionalDouble.empty());
    }

    /** The same change with another row count or in-place rate (a sweep point); the other rates stay. */
    public SchemaChange with(long rows, double conversionRate) {
        return new SchemaChange(database, compatible, rows, conversionRate, parallelRate, offlineRate);
    }

    /** Rows per second of a conversion into {@code universe}'s database, live traffic served meanwhile or not. */
    public double rate(Universe universe, boolean serving) {
        if (universe == Universe.PARALLEL) {
            return parallelRate.orElse(conversionRate);
        }
        return serving ? conversionRate : offlineRate.orElse(conversionRate);
    }

    /** Seconds to convert every row in bulk, in place. */
    public double bulkSeconds() {
        return rows / conversionRate;
    }
}
