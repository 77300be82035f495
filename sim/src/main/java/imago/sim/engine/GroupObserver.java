package imago.sim.engine;

import imago.model.plan.StateView;

/** Told each time a group of the plan (not of a recovery) has ended: the conformance test's hook. */
@FunctionalInterface
interface GroupObserver {
    GroupObserver NONE = (groupsDone, state) -> { };

    void groupsDone(int groupsDone, StateView state);
}
