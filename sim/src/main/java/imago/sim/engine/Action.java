package imago.sim.engine;

import umontreal.ssj.simevents.Event;
import umontreal.ssj.simevents.Simulator;

/** A rare control event (window end, fault detection, ...): allocation is fine off the hot path. */
final class Action extends Event {
    private final Engine engine;
    private final Runnable body;

    Action(Simulator sim, Engine engine, Runnable body) {
        super(sim);
        this.engine = engine;
        this.body = body;
    }

    @Override
    public void actions() {
        engine.events++;
        body.run();
    }
}
