package imago.sim.engine;

import umontreal.ssj.simevents.Event;
import umontreal.ssj.simevents.Simulator;

/**
 * One request (or asynchronous callback), pooled and reused: it is its own SSJ event, scheduled
 * for the end of its service at the current node, or for the moment its callback comes due.
 */
final class Request extends Event {
    static final int FREE = 0, QUEUED = 1, IN_SERVICE = 2, ASYNC_WAIT = 3, HELD = 4;

    private final Traffic traffic;
    final int slot;

    int state = FREE;
    Session session;
    RequestTypeRt type;
    int[] path;
    /** Service demand at each hop, drawn when the request is created (common random numbers). */
    final double[] service;
    /** The node reached at each hop so far (null: none was), whose monitor counts a failure. */
    final NodeRt[] via;
    int hop;
    int universe;
    /** The version a canary's ingress sent it to in upgraded tiers (0 old, 1 new), -1 for any. */
    int version = -1;
    NodeRt node;

    double sendTime;
    double deadline;
    boolean inWindow;
    int bin;

    boolean callback;
    /** For a callback: the universe of the page that issued it, where a draining switch sends it; else -1. */
    int home = -1;
    boolean write;
    boolean touchesData;
    /** Held at the ingress by a switch: a timeout then counts as planned when the hold was. */
    boolean timeoutPlanned;

    /** Version of the node that produced the page (at the interface tier), for callbacks. */
    boolean producerNew;
    boolean ifaceNew;
    boolean prevNew;
    int prevTier;

    boolean willCallback;
    double callbackDelay;
    double raceDraw;

    Request(Simulator sim, Traffic traffic, int slot, int maxPath) {
        super(sim);
        this.traffic = traffic;
        this.slot = slot;
        this.service = new double[maxPath];
        this.via = new NodeRt[maxPath];
    }

    @Override
    public void actions() {
        traffic.engine.events++;
        if (state == IN_SERVICE) {
            traffic.serviceDone(this);
        } else if (state == ASYNC_WAIT) {
            traffic.callbackDue(this);
        }
    }
}
