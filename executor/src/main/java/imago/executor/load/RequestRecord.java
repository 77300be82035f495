package imago.executor.load;

/**
 * One request the load generator sent, as it saw it.
 *
 * @param id          sequence number
 * @param session     the client session it belongs to
 * @param kind        the request type of the workload mix, or {@code confirm-bid} for the callback
 * @param method      HTTP method
 * @param path        path and query
 * @param sendNanos   when it was sent ({@link System#nanoTime()})
 * @param endNanos    when its answer (or failure) came
 * @param status      HTTP status; 0 when no answer came (connection failure), -1 on client timeout
 * @param version     the version that served it (the application's header, else the ingress's)
 * @param node        the node that served it (the ingress's header)
 * @param refused     why the ingress refused it itself ({@code no-backend}, {@code read-only},
 *                    {@code switch-hold}); empty when it did not
 * @param planned     the ingress said the refusal was the plan's intent
 * @param bidId       the bid written or confirmed (-1 for reads)
 * @param amountCents the bid's amount
 * @param producer    for a callback: the version whose response issued it
 * @param validations for a callback: how many times the bid was validated (client + server); -1 otherwise
 * @param confirmed   for a callback: the server confirmed the bid
 * @param error       a short description of a failure
 */
public record RequestRecord(long id, long session, String kind, String method, String path, long sendNanos,
                            long endNanos, int status, String version, String node, String refused, boolean planned,
                            long bidId, long amountCents, String producer, int validations, boolean confirmed,
                            String error) {

    public static final String CONFIRM = "confirm-bid";

    public boolean succeeded() {
        return status >= 200 && status < 300;
    }

    public boolean isRead() {
        return method.equals("GET");
    }

    public boolean isCallback() {
        return kind.equals(CONFIRM);
    }

    public double latencyMs() {
        return (endNanos - sendNanos) / 1e6;
    }
}
