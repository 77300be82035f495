package imago.sim.engine;

/** A request type at run time: its path and its callback's path as tier indices, and how often it issues one. */
final class RequestTypeRt {
    final int index;
    final boolean write;
    final int[] path;
    final boolean touchesData;
    /** The schema change's tables it depends on, as bits in conversion order. */
    final long tables;
    /** The hop whose node produces the page an asynchronous callback carries back. */
    final int producerHop;
    final int[] callbackPath;
    final boolean callbackTouchesData;
    /** The tables its callback depends on ({@code workload.async.tables}), as bits. */
    final long callbackTables;
    final int callbackProducerHop;
    /** The probability that an answer of this type issues a callback. */
    final double callbackProbability;
    /** What each tier's service time is scaled by for it and for its callback (the model's {@code cost}). */
    final double cost;
    final double callbackCost;

    RequestTypeRt(int index, boolean write, int[] path, boolean touchesData, long tables, int producerHop,
                  int[] callbackPath, boolean callbackTouchesData, long callbackTables, int callbackProducerHop,
                  double callbackProbability, double cost, double callbackCost) {
        this.index = index;
        this.write = write;
        this.path = path;
        this.touchesData = touchesData;
        this.tables = tables;
        this.producerHop = producerHop;
        this.callbackPath = callbackPath;
        this.callbackTouchesData = callbackTouchesData;
        this.callbackTables = callbackTables;
        this.callbackProducerHop = callbackProducerHop;
        this.callbackProbability = callbackProbability;
        this.cost = cost;
        this.callbackCost = callbackCost;
    }
}
