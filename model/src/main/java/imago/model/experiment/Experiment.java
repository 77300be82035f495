package imago.model.experiment;

import imago.model.topology.Topology;
import imago.model.upgrade.Upgrade;
import imago.model.workload.Workload;

import java.util.List;
import java.util.Optional;

/**
 * One experiment, as read from one YAML file.
 *
 * @param name          the experiment's name (output folder)
 * @param source        the file it was read from
 * @param topology      the system
 * @param workload      the traffic
 * @param upgrade       what the upgrade changes
 * @param scenarios     the arms compared, at least one
 * @param replications  replications per scenario
 * @param seed          the seed of every random stream
 * @param preS          observation window before the first step (s)
 * @param postS         observation window after the last step (s)
 * @param maxSimulatedS a guard: a run that has not ended after this much simulated time stops
 */
public record Experiment(String name, String source, Topology topology, Workload workload, Upgrade upgrade,
                         List<Scenario> scenarios, int replications, long seed, double preS, double postS,
                         double maxSimulatedS) {

    public Experiment {
        scenarios = List.copyOf(scenarios);
    }

    public Optional<Scenario> scenario(String name) {
        return scenarios.stream().filter(s -> s.name().equals(name)).findFirst();
    }
}
