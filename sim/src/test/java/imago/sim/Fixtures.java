package imago.sim;

import imago.model.config.ExperimentLoader;
import imago.model.dist.Dist;
import imago.model.experiment.Experiment;
import imago.model.experiment.Scenario;
import imago.model.fault.FaultModel;
import imago.model.plan.Plan;
import imago.model.plan.PlanCompiler;
import imago.model.topology.Tier;
import imago.model.topology.Topology;
import imago.model.upgrade.SchemaChange;
import imago.model.upgrade.Upgrade;
import imago.model.workload.Arrivals;
import imago.model.workload.AsyncInteractions;
import imago.model.workload.Workload;
import org.apache.commons.math3.distribution.TDistribution;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/** Configs, copies of them with a few fields changed, and Student-t confidence intervals. */
final class Fixtures {

    private Fixtures() {
    }

    static Path config(String name) {
        // Surefire runs in the module folder; the configs live in experiments/configs.
        for (Path p : List.of(Path.of("../experiments/configs", name), Path.of("experiments/configs", name))) {
            if (Files.exists(p)) {
                return p;
            }
        }
        throw new IllegalStateException("config not found: " + name);
    }

    static Experiment load(String name) {
        return ExperimentLoader.load(config(name));
    }

    static Experiment threeTier() {
        return load("three-tier.yaml");
    }

    static Experiment withRate(Experiment e, double rate) {
        Workload w = e.workload();
        return withWorkload(e, new Workload(new Arrivals.Poisson(rate), w.sessions(), w.mix(), w.async(), w.timeoutS()));
    }

    static Experiment withoutAsync(Experiment e) {
        Workload w = e.workload();
        return withWorkload(e, new Workload(w.arrivals(), w.sessions(), w.mix(), AsyncInteractions.none(), w.timeoutS()));
    }

    static Experiment withWorkload(Experiment e, Workload w) {
        return new Experiment(e.name(), e.source(), e.topology(), w, e.upgrade(), e.scenarios(), e.replications(),
                e.seed(), e.preS(), e.postS(), e.maxSimulatedS());
    }

    static Experiment withTopology(Experiment e, Topology t) {
        return new Experiment(e.name(), e.source(), t, e.workload(), e.upgrade(), e.scenarios(), e.replications(),
                e.seed(), e.preS(), e.postS(), e.maxSimulatedS());
    }

    /** {@code e} whose tiers serve in a constant {@code serviceS} with more servers than requests ever wait for. */
    static Experiment withConstantService(Experiment e, double serviceS) {
        List<Tier> tiers = e.topology().tiers().stream()
                .map(t -> new Tier(t.name(), t.kind(), t.replicas(), 4096,
                        Dist.constant(serviceS), t.hosts(), t.warmup())).toList();
        return withTopology(e, e.topology().withTiers(tiers));
    }

    static Experiment withUpgrade(Experiment e, Upgrade u) {
        return new Experiment(e.name(), e.source(), e.topology(), e.workload(), u, e.scenarios(), e.replications(),
                e.seed(), e.preS(), e.postS(), e.maxSimulatedS());
    }

    static Experiment withSchema(Experiment e, Optional<SchemaChange> s) {
        Upgrade u = e.upgrade();
        return withUpgrade(e, new Upgrade(u.fromVersion(), u.toVersion(), u.tiers(), s, u.directives(), u.libraries(),
                u.interfaces(), u.movedLocations(), u.stepTimes(), u.faultyStartTimes()));
    }

    static Experiment withRows(Experiment e, long rows) {
        SchemaChange s = e.upgrade().schema().orElseThrow();
        return withSchema(e, Optional.of(s.with(rows, s.conversionRate())));
    }

    static Experiment compatible(Experiment e) {
        SchemaChange s = e.upgrade().schema().orElseThrow();
        return withSchema(e, Optional.of(new SchemaChange(s.database(), true, s.tables(), s.conversionRate(),
                s.parallelRate(), s.offlineRate())));
    }

    static Experiment withoutLibraries(Experiment e) {
        Upgrade u = e.upgrade();
        return withUpgrade(e, new Upgrade(u.fromVersion(), u.toVersion(), u.tiers(), u.schema(), u.directives(), List.of(),
                u.interfaces(), u.movedLocations(), u.stepTimes(), u.faultyStartTimes()));
    }

    static Experiment withMovedLocations(Experiment e, List<String> moved) {
        Upgrade u = e.upgrade();
        return withUpgrade(e, new Upgrade(u.fromVersion(), u.toVersion(), u.tiers(), u.schema(), u.directives(), u.libraries(),
                u.interfaces(), moved, u.stepTimes(), u.faultyStartTimes()));
    }

    static Experiment withMaxSimulated(Experiment e, double maxS) {
        return new Experiment(e.name(), e.source(), e.topology(), e.workload(), e.upgrade(), e.scenarios(), e.replications(),
                e.seed(), e.preS(), e.postS(), maxS);
    }

    static Experiment withStrategy(Experiment e, Scenario s) {
        return new Experiment(e.name(), e.source(), e.topology(), e.workload(), e.upgrade(), List.of(s), e.replications(),
                e.seed(), e.preS(), e.postS(), e.maxSimulatedS());
    }

    static SimulationInput input(Experiment e, String scenario, FaultModel faults) {
        Scenario s = e.scenario(scenario).orElseThrow(() -> new IllegalArgumentException("no scenario " + scenario));
        return input(e, s, faults);
    }

    static SimulationInput input(Experiment e, Scenario s, FaultModel faults) {
        Plan p = new PlanCompiler(e.topology(), e.workload(), e.upgrade()).compile(s.name(), s.strategy());
        return new SimulationInput(e, s, p, faults);
    }

    /** The expected maximum of {@code n} independent draws (for step groups of n targets). */
    static double expectedMax(Dist d, int n) {
        return switch (d) {
            case Dist.Constant c -> c.value();
            case Dist.Uniform u -> u.min() + (u.max() - u.min()) * n / (n + 1.0);
            case Dist.Exponential x -> {
                double h = 0;
                for (int i = 1; i <= n; i++) {
                    h += 1.0 / i;
                }
                yield x.mean() * h;
            }
            case Dist.LogNormal l -> throw new IllegalArgumentException("no closed form for the max of lognormals");
        };
    }

    /** A two-sided 95% Student-t interval of the mean. */
    record Interval(double mean, double halfWidth) {
        double lower() {
            return mean - halfWidth;
        }

        double upper() {
            return mean + halfWidth;
        }
    }

    static Interval ci(double[] xs) {
        int n = xs.length;
        double mean = 0;
        for (double x : xs) {
            mean += x;
        }
        mean /= n;
        double ss = 0;
        for (double x : xs) {
            ss += (x - mean) * (x - mean);
        }
        double sd = n > 1 ? Math.sqrt(ss / (n - 1)) : 0;
        double t = n > 1 ? new TDistribution(n - 1).inverseCumulativeProbability(0.975) : 0;
        return new Interval(mean, t * sd / Math.sqrt(n));
    }

    static <T> Interval ci(List<T> runs, ToDoubleFunction<T> f) {
        return ci(runs.stream().mapToDouble(f).toArray());
    }

    /** Interval of the paired differences a_i - b_i (common random numbers make pairs). */
    static <T> Interval pairedCi(List<T> a, List<T> b, ToDoubleFunction<T> f) {
        double[] d = new double[a.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = f.applyAsDouble(a.get(i)) - f.applyAsDouble(b.get(i));
        }
        return ci(d);
    }

    /** Wilson 95% score interval of a proportion k/n. */
    static Interval wilson(long k, long n) {
        double z = 1.959963984540054;
        double p = (double) k / n;
        double denom = 1 + z * z / n;
        double centre = (p + z * z / (2 * n)) / denom;
        double half = z * Math.sqrt(p * (1 - p) / n + z * z / (4.0 * n * n)) / denom;
        return new Interval(centre, half);
    }
}
