package imago.model.experiment;

import imago.model.health.MonitorRule;
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
 * @param sweeps        parameter grids; every scenario runs at every point that applies to it
 * @param precision     an optional precision target that adds replications
 * @param backend       {@code sim} or {@code executor}
 * @param executor      what the real executor needs (system descriptor, data size, database)
 * @param monitor       the production monitor's rule, the same in both backends ({@code monitor:})
 * @param advise        what {@code imago advise} searches (the {@code advise:} section)
 */
public record Experiment(String name, String source, Topology topology, Workload workload, Upgrade upgrade,
                         List<Scenario> scenarios, int replications, long seed, double preS, double postS,
                         double maxSimulatedS, List<Sweep> sweeps, Optional<Precision> precision, String backend,
                         ExecutorSettings executor, MonitorRule monitor, AdviseSpace advise) {

    public Experiment {
        scenarios = List.copyOf(scenarios);
        sweeps = List.copyOf(sweeps);
    }

    /** An experiment without sweeps or precision target, on the simulator. */
    public Experiment(String name, String source, Topology topology, Workload workload, Upgrade upgrade,
                      List<Scenario> scenarios, int replications, long seed, double preS, double postS,
                      double maxSimulatedS) {
        this(name, source, topology, workload, upgrade, scenarios, replications, seed, preS, postS, maxSimulatedS,
                List.of(), Optional.empty(), "sim", ExecutorSettings.defaults(), MonitorRule.defaults(), AdviseSpace.defaults());
    }

    /** An experiment with the production monitor's default rule and no {@code advise:} section. */
    public Experiment(String name, String source, Topology topology, Workload workload, Upgrade upgrade,
                      List<Scenario> scenarios, int replications, long seed, double preS, double postS,
                      double maxSimulatedS, List<Sweep> sweeps, Optional<Precision> precision, String backend,
                      ExecutorSettings executor) {
        this(name, source, topology, workload, upgrade, scenarios, replications, seed, preS, postS, maxSimulatedS,
                sweeps, precision, backend, executor, MonitorRule.defaults(), AdviseSpace.defaults());
    }

    /** An experiment with this production monitor rule and no {@code advise:} section. */
    public Experiment(String name, String source, Topology topology, Workload workload, Upgrade upgrade,
                      List<Scenario> scenarios, int replications, long seed, double preS, double postS,
                      double maxSimulatedS, List<Sweep> sweeps, Optional<Precision> precision, String backend,
                      ExecutorSettings executor, MonitorRule monitor) {
        this(name, source, topology, workload, upgrade, scenarios, replications, seed, preS, postS, maxSimulatedS,
                sweeps, precision, backend, executor, monitor, AdviseSpace.defaults());
    }

    /** The same experiment run otherwise: other scenarios, replications, seed or backend (command-line overrides). */
    public Experiment withRun(List<Scenario> scenarios, int replications, long seed, String backend) {
        return new Experiment(name, source, topology, workload, upgrade, scenarios, replications, seed, preS, postS,
                maxSimulatedS, sweeps, precision, backend, executor, monitor, advise);
    }

    /** The same experiment under another workload. */
    public Experiment withWorkload(Workload workload) {
        return new Experiment(name, source, topology, workload, upgrade, scenarios, replications, seed, preS, postS,
                maxSimulatedS, sweeps, precision, backend, executor, monitor, advise);
    }

    /** The same experiment on another system or upgrade (a calibrated copy). */
    public Experiment withSystem(Topology topology, Upgrade upgrade) {
        return new Experiment(name, source, topology, workload, upgrade, scenarios, replications, seed, preS, postS,
                maxSimulatedS, sweeps, precision, backend, executor, monitor, advise);
    }

    /** The same experiment with other executor settings (a test's smaller data size). */
    public Experiment withExecutor(ExecutorSettings executor) {
        return new Experiment(name, source, topology, workload, upgrade, scenarios, replications, seed, preS, postS,
                maxSimulatedS, sweeps, precision, backend, executor, monitor, advise);
    }

    /** The same experiment with another production monitor rule. */
    public Experiment withMonitor(MonitorRule monitor) {
        return new Experiment(name, source, topology, workload, upgrade, scenarios, replications, seed, preS, postS,
                maxSimulatedS, sweeps, precision, backend, executor, monitor, advise);
    }

    /** The same experiment with other sweeps (the grid an advice searches). */
    public Experiment withSweeps(List<Sweep> sweeps) {
        return new Experiment(name, source, topology, workload, upgrade, scenarios, replications, seed, preS, postS,
                maxSimulatedS, sweeps, precision, backend, executor, monitor, advise);
    }

    public Optional<Scenario> scenario(String name) {
        return scenarios.stream().filter(s -> s.name().equals(name)).findFirst();
    }
}
