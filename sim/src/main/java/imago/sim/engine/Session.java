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
