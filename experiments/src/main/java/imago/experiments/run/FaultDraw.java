package imago.experiments.run;

import imago.model.experiment.Experiment;
import imago.model.fault.FaultInjection;
import imago.model.fault.FaultModel;
import imago.model.fault.FaultType;
import imago.model.plan.Plan;
import imago.model.plan.PlannedStep;
import imago.model.topology.TierKind;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Draws the faults of one executor run from a fault model, the way the simulator does: every
 * execution of a step on a target introduces at most one fault, with the model's per-step
 * probabilities. A real run cannot repeat a draw, so the draw is made up front, seeded by the
 * experiment's seed and the replication, and the same (seed, replication) gives the same faults.
 */
public final class FaultDraw {

    /**
     * @param injectable    faults the executor has a real mechanism for
     * @param notInjectable drawn faults it has none for (e.g. a configuration fault on the
     *                      database server, whose configuration the upgrade does not touch)
     */
    public record Drawn(List<FaultInjection> injectable, List<String> notInjectable) {
    }

    private FaultDraw() {
    }

    public static Drawn draw(Experiment e, Plan plan, FaultModel model, int replication) {
        if (model.isEmpty()) {
            return new Drawn(List.of(), List.of());
        }
        SplittableRandom random = new SplittableRandom(e.seed() * 0x9E3779B97F4A7C15L + replication);
        Set<String> databases = new java.util.HashSet<>();
        e.topology().tiers().stream().filter(t -> t.kind() == TierKind.DATABASE).forEach(t -> databases.addAll(t.nodeNames()));
        Set<FaultInjection> out = new LinkedHashSet<>();
        List<String> skipped = new ArrayList<>();
        for (PlannedStep ps : plan.steps()) {
            for (String target : ps.step().targets()) {
                double u = random.nextDouble();
                double c = 0;
                for (FaultType t : FaultType.values()) {
                    c += model.probability(ps.step().kind(), t);
                    if (u < c) {
                        add(t, ps, target, databases.contains(target), out, skipped);
                        break;
                    }
                }
            }
        }
        return new Drawn(List.copyOf(out), List.copyOf(skipped));
    }

    private static void add(FaultType t, PlannedStep ps, String target, boolean database, Set<FaultInjection> out,
                            List<String> skipped) {
        String what = "type " + t.number() + " at " + ps.step().kind().configName() + " on " + target;
        if (database && t != FaultType.DATA_ACCESS) {
            skipped.add(what);
            return;
        }
        try {
            out.add(new FaultInjection(t, ps.step().kind(), target, Optional.of(ps.step().universe())));
        } catch (IllegalArgumentException x) {
            skipped.add(what);
        }
    }
}
