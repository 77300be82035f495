package imago.sim.engine;

import umontreal.ssj.simevents.Event;
import umontreal.ssj.simevents.Simulator;

/** A client session, pooled: its event is the send of its next request after a think time. */
final class Session extends Event {
    private final Traffic traffic;

    boolean active;
    int remaining;
    /** Requests and callbacks of this session still under way. */
    int outstanding;
    boolean thinking;

    Session(Simulator sim, Traffic traffic) {
        super(sim);
        this.traffic = traffic;
    }

    @Override
    public void actions() {
        traffic.engine.events++;
        thinking = false;
        traffic.sessionNext(this);
    }
}
