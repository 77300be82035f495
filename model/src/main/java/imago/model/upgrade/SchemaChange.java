package imago.model.upgrade;

/**
 * A change of the persistent data's schema.
 *
 * @param database       the database tier holding the data
 * @param compatible     whether the old version can still use the data after conversion; when not,
 *                       old-version nodes that read converted data fail (a hidden data dependency)
 * @param rows           rows to convert
 * @param conversionRate rows converted per second
 */
public record SchemaChange(String database, boolean compatible, long rows, double conversionRate) {

    /** Seconds to convert every row in bulk. */
    public double bulkSeconds() {
        return rows / conversionRate;
    }
}
