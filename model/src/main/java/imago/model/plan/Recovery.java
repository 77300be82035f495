package imago.model.plan;

import imago.model.dist.Dist;

import java.util.ArrayList;
import java.util.List;

/**
 * What a run does once a fault is detected (DESIGN §2a), as data: {@link RecoveryPolicy} chooses
 * one from the plan's strategy and the fault, and its {@link #steps()} replace what is left of
 * the plan, each a group of its own, run by the backend's normal step runners.
 */
public sealed interface Recovery {

    /** The steps that carry the recovery out, in order. */
    List<Step> steps();

    /** An escaped fault in the universe switched to: switch back to production, which still exists. */
    record SwitchBack(Dist hold) implements Recovery {
        @Override
        public List<Step> steps() {
            return List.of(new Step.Switch(Universe.PRODUCTION, hold, false));
        }
    }

    /**
     * Abort a rollout in production: when its conversion had begun, take the nodes to roll back out
     * of service and convert the data back (as the executor does: no new-version node serves data
     * that is being converted back under it), then put the nodes back on the old version one at a time.
     *
     * @param time     the time of putting one node back
     * @param dataTime the time of converting the data back
     */
    record RollBack(List<String> data, List<String> nodes, Dist time, Dist dataTime) implements Recovery {
        public RollBack {
            data = List.copyOf(data);
            nodes = List.copyOf(nodes);
        }

        @Override
        public List<Step> steps() {
            List<Step> out = new ArrayList<>();
            if (!data.isEmpty()) {
                if (!nodes.isEmpty()) {
                    out.add(new Step.Stop(Universe.PRODUCTION, nodes, Dist.constant(0)));
                }
                out.add(new Step.Rollback(Universe.PRODUCTION, data, dataTime));
            }
            for (String n : nodes) {
                out.add(new Step.Rollback(Universe.PRODUCTION, List.of(n), time));
            }
            return out;
        }
    }

    /** Nothing to undo: the fault is repaired where it is, and the plan goes on. */
    record RepairInPlace() implements Recovery {
        @Override
        public List<Step> steps() {
            return List.of();
        }
    }

    /** A fault in the parallel universe that cannot be repaired: give the universe up, production serves on. */
    record AbandonParallel(List<String> nodes, Dist time) implements Recovery {
        public AbandonParallel {
            nodes = List.copyOf(nodes);
        }

        @Override
        public List<Step> steps() {
            return nodes.isEmpty() ? List.of() : List.of(new Step.Retire(Universe.PARALLEL, nodes, time));
        }
    }

    /**
     * Abort a canary, as Argo Rollouts does: all traffic back to the old version (weight 0), then
     * the canary's new-version nodes drained and retired. The stable nodes never left.
     */
    record AbortCanary(List<String> nodes, Dist drainTime, Dist retireTime) implements Recovery {
        public AbortCanary {
            nodes = List.copyOf(nodes);
        }

        @Override
        public List<Step> steps() {
            List<Step> out = new ArrayList<>();
            out.add(new Step.SetWeight(Universe.PRODUCTION, 0));
            if (!nodes.isEmpty()) {
                out.add(new Step.Drain(Universe.PRODUCTION, nodes, drainTime));
                out.add(new Step.Retire(Universe.PRODUCTION, nodes, retireTime));
            }
            return out;
        }
    }
}
