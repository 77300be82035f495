package imago.experiments.lint;

import imago.model.plan.PlanState;
import imago.model.plan.Universe;
import imago.model.topology.Dependency;
import imago.model.topology.DependencyKind;
import imago.model.topology.Tier;
import imago.model.topology.Topology;
import imago.model.upgrade.LibraryChange;

import java.util.ArrayList;
import java.util.List;

/**
 * A library the upgrade changes, installed on a host with the new version of one tier, while an
 * old-version node of a tier that links it on the same host still serves: the old node loads the
 * new library (the hidden library dependency of Middleware 2009).
 */
record SharedHostLibrary() implements Rule {
    @Override
    public String name() {
        return "shared-host-library";
    }

    @Override
    public String doc() {
        return "a library the upgrade changes lands on a host where an old-version node of a tier linking it still serves";
    }

    @Override
    public List<Finding> check(Subject s) {
        List<Finding> out = new ArrayList<>();
        List<LibraryChange> libs = s.experiment().upgrade().libraries();
        Topology topo = s.experiment().topology();
        List<Dependency> links = topo.dependencies().stream().filter(d -> d.kind() == DependencyKind.LIBRARY).toList();
        if (libs.isEmpty() || links.isEmpty()) {
            return out;
        }
        for (int k = 0; k < s.plans().size(); k++) {
            List<String> pairs = new ArrayList<>();
            List<Integer> steps = s.stepsWhere(k, st -> {
                boolean any = false;
                for (Dependency d : links) {
                    any |= oldBesideNew(st, topo, d.from(), d.to(), pairs) | oldBesideNew(st, topo, d.to(), d.from(), pairs);
                }
                return any;
            });
            if (!steps.isEmpty()) {
                out.add(new Finding(Finding.Severity.WARNING, name(), s.at("upgrade.libraries[0]"),
                        "scenario '" + s.scenarios().get(k).name() + "': library " + libs.getFirst().name() + " "
                                + libs.getFirst().toVersion() + " reaches a host while an old-version node linking it still serves there ("
                                + String.join(", ", pairs.stream().distinct().toList()) + ")", steps));
            }
        }
        return out;
    }

    /** Whether some host has a serving old node of {@code oldTier} and a new node of {@code newTier}; notes the pair. */
    private static boolean oldBesideNew(PlanState st, Topology topo, String oldTier, String newTier, List<String> pairs) {
        Universe u = st.servingUniverse();
        Tier a = topo.requireTier(oldTier);
        Tier b = topo.requireTier(newTier);
        boolean hit = false;
        for (int i = 0; i < a.replicas(); i++) {
            String oldNode = a.nodeName(i + 1);
            if (!st.node(u, oldNode).serving() || st.node(u, oldNode).newVersion()) {
                continue;
            }
            for (int j = 0; j < b.replicas(); j++) {
                var other = st.node(u, b.nodeName(j + 1));
                if (b.hosts().get(j).equals(a.hosts().get(i)) && other.exists() && other.newVersion()) {
                    pairs.add(oldNode + " beside " + b.nodeName(j + 1) + " on " + a.hosts().get(i));
                    hit = true;
                }
            }
        }
        return hit;
    }
}
