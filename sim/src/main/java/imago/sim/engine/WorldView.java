package imago.sim.engine;

import imago.model.plan.StateView;
import imago.model.plan.Universe;

/** The simulated system as the model's {@link StateView}: what recovery decisions and the conformance test read. */
final class WorldView implements StateView {
    private final World w;

    WorldView(World w) {
        this.w = w;
    }

    @Override
    public Universe servingUniverse() {
        return World.universe(w.servingUniverse);
    }

    @Override
    public NodeState node(Universe u, String name) {
        NodeRt n = w.find(World.index(u), name);
        return n == null ? NodeState.ABSENT : new NodeState(n.exists, n.running, n.routable, n.newVersion);
    }

    @Override
    public java.util.OptionalInt canaryWeight() {
        return w.weight < 0 ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(w.weight);
    }

    @Override
    public DataState data(Universe u) {
        var d = w.data.of(World.index(u));
        return new DataState(d.conversionStarted, d.converted, d.synced);
    }

    @Override
    public java.util.Set<String> leftOut(Universe u) {
        return w.data.leftOut(World.index(u), w.now());
    }
}
