package imago.sim.engine;

import umontreal.ssj.simevents.Event;
import umontreal.ssj.simevents.Simulator;

/** A client session, pooled: its event is the send of its next request after a think time. */
final class Session extends Event {
    private final Sessions sessions;

    boolean active;
    int remaining;
    /** Requests and callbacks of this session still under way. */
    int outstanding;
    boolean thinking;
    /** Uniform drawn at arrival: a canary sends the session to the new version when it is below weight / 100. */
    double canaryDraw;
    /** The version a canary pinned the session to (0 old, 1 new), -1 before it picked one. */
    int version;

    Session(Simulator sim, Sessions sessions) {
        super(sim);
        this.sessions = sessions;
    }

    @Override
    public void actions() {
        sessions.countEvent();
        thinking = false;
        sessions.next(this);
    }
}
