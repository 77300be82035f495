package imago.sim.engine;

/** One node in one universe: its state, its FIFO queue and the fault counters the hot path reads. */
final class NodeRt {
    final int index;
    final String name;
    final TierRt tier;
    final int universe;
    final int host;

    /** Counted in resource cost: from the start of its provisioning to the end of its retirement. */
    boolean allocated;
    boolean exists;
    boolean running;
    boolean routable;
    boolean newVersion;

    /** Started during the run and not yet given traffic: its warm-up begins when it is. */
    boolean cold;
    /** When it first took traffic after its last start; NaN for a node running from the start. */
    double warmingSince = Double.NaN;

    /** Requests queued or in service here. */
    int inflight;
    int busy;
    private Request[] queue = new Request[16];
    private int head;
    int queued;

    /** Active faults: failing every request, a share of them, or those touching data. */
    int faultAll;
    int faultShare;
    int faultData;

    /** A drain step waiting for this node's in-flight requests to finish. */
    TargetRun drainWaiter;

    NodeRt(int index, String name, TierRt tier, int universe, int host) {
        this.index = index;
        this.name = name;
        this.tier = tier;
        this.universe = universe;
        this.host = host;
    }

    boolean serving() {
        return exists && running && routable;
    }

    void enqueue(Request r) {
        if (queued == queue.length) {
            Request[] q = new Request[queue.length * 2];
            for (int i = 0; i < queued; i++) {
                q[i] = queue[(head + i) % queue.length];
            }
            queue = q;
            head = 0;
        }
        queue[(head + queued) % queue.length] = r;
        queued++;
    }

    Request dequeue() {
        Request r = queue[head];
        queue[head] = null;
        head = (head + 1) % queue.length;
        queued--;
        return r;
    }
}
