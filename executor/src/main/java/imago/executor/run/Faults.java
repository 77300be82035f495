package imago.executor.run;

import imago.executor.ExecutorException;
import imago.executor.ExecutorOptions;
import imago.executor.load.RequestRecord;
import imago.executor.testbed.SystemUnderTest;
import imago.model.experiment.Scenario;
import imago.model.fault.FaultInjection;
import imago.model.fault.FaultType;
import imago.model.metrics.Exposure;
import imago.model.metrics.FaultCounts;
import imago.model.plan.Plan;
import imago.model.plan.PlannedStep;
import imago.model.plan.Universe;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/** The run's faults: those still to inject, those injected, and what became of them. */
final class Faults {

    private final RunContext run;
    private final List<FaultInjection> pending;
    private final List<ActiveFault> injected = Collections.synchronizedList(new ArrayList<>());

    Faults(RunContext run) {
        this.run = run;
        this.pending = Collections.synchronizedList(new ArrayList<>(toInject(run.scenario, run.options)));
    }

    /** The scenario's own faults (its fault: entries) and any the caller adds, each once. */
    static List<FaultInjection> toInject(Scenario scenario, ExecutorOptions options) {
        return List.copyOf(new LinkedHashSet<>(Stream.concat(scenario.injected().stream(), options.faults().stream()).toList()));
    }

    /** Rejects a fault no step of the plan can inject, or one whose type cannot hit its target. */
    static void validate(Scenario scenario, ExecutorOptions options, Plan plan, SystemUnderTest system) {
        Set<String> nodes = new LinkedHashSet<>();
        plan.steps().forEach(s -> nodes.addAll(s.step().targets()));
        for (FaultInjection f : toInject(scenario, options)) {
            if (plan.steps().stream().noneMatch(f::matches)) {
                throw new ExecutorException("fault " + f + ": the plan of scenario " + scenario.name()
                        + " has no such step (its steps target " + nodes + ")");
            }
            if (f.type() != FaultType.DATA_ACCESS && system.dbNodes().contains(f.target())) {
                throw new ExecutorException("fault " + f + ": a type " + f.type().number() + " fault targets an application node");
            }
        }
    }

    /** The faults to inject at this step on this target (taken from the pending list once). */
    List<FaultInjection> at(PlannedStep ps, String target) {
        synchronized (pending) {
            List<FaultInjection> out = pending.stream().filter(f -> f.target().equals(target) && f.matches(ps)).toList();
            pending.removeAll(out);
            return out;
        }
    }

    /** Injects the faults due at this step on this target. */
    void injectAt(PlannedStep ps, String target) throws Exception {
        for (FaultInjection f : at(ps, target)) {
            ActiveFault a = new ActiveFault(f, ps.number(), ps.step().universe(), target, false);
            FaultMechanism.of(f.type()).inject(run, a);
            added(a);
        }
    }

    /** A data-access fault at a conversion: the conversion itself leaves the migration out. */
    void skippedMigration(PlannedStep ps, FaultInjection f, String target) {
        added(new ActiveFault(f, ps.number(), ps.step().universe(), target, true));
    }

    private void added(ActiveFault a) {
        injected.add(a);
        run.note("injected " + a);
    }

    /** Undoes a fault's mechanism (the operator's fix). */
    void repair(ActiveFault f) throws Exception {
        FaultMechanism.of(f.spec.type()).repair(run, f);
    }

    /** Repairs every fault still active in one of {@code in}, marking it rolled back; returns those. */
    List<ActiveFault> repairActive(Set<Universe> in) {
        return undoActive(in, f -> true);
    }

    /**
     * A rollback's undoing of every fault still active in one of {@code in}: as {@link #repairActive},
     * except that a skipped migration step is not redone, since the rollback converts the data
     * back to the schema the skipped table has kept.
     */
    List<ActiveFault> rollBackActive(Set<Universe> in) {
        return undoActive(in, f -> !f.skippedMigration);
    }

    private List<ActiveFault> undoActive(Set<Universe> in, java.util.function.Predicate<ActiveFault> repairIt) {
        List<ActiveFault> done = new ArrayList<>();
        for (ActiveFault f : all()) {
            if (f.state != ActiveFault.State.ACTIVE || !in.contains(f.universe)) {
                continue;
            }
            try {
                if (repairIt.test(f)) {
                    repair(f);
                }
            } catch (Exception e) {
                run.note("could not undo " + f + ": " + e);
            }
            f.state = ActiveFault.State.ROLLED_BACK;
            done.add(f);
        }
        return done;
    }

    List<ActiveFault> active(Universe u) {
        return all().stream().filter(f -> f.universe == u && f.state == ActiveFault.State.ACTIVE).toList();
    }

    List<ActiveFault> all() {
        synchronized (injected) {
            return List.copyOf(injected);
        }
    }

    /**
     * The monitor detected {@code node} (universe/name) failing: the active faults that explain it
     * (on that node, or on the data every node reads) are detected at {@code nanos}.
     */
    void detectedOn(Universe serving, String node, long nanos) {
        String name = node.substring(node.indexOf('/') + 1);
        for (ActiveFault f : active(serving)) {
            if (f.detectedNanos < 0 && f.reachedProduction
                    && (f.target.equals(name) || f.spec.type() == FaultType.DATA_ACCESS)) {
                f.detectedNanos = nanos;
            }
        }
    }

    /**
     * Each fault that reached production: from when its target first served a request afterwards
     * (as the simulator counts a fault live once its node serves; a database's fault from the
     * universe's first request), to its detection by the monitor (NaN: none).
     */
    List<Exposure.Detection> detections(List<RequestRecord> records) {
        List<Exposure.Detection> out = new ArrayList<>();
        for (ActiveFault f : all()) {
            if (!f.reachedProduction || f.reachedNanos < 0) {
                continue;
            }
            boolean db = run.system.dbNodes().contains(f.target);
            String prefix = f.universe.configName() + "/";
            long reached = f.reachedNanos;
            long first = Long.MAX_VALUE;
            for (RequestRecord r : records) {
                if (r.sendNanos() >= reached && r.sendNanos() < first
                        && (db ? r.node().startsWith(prefix) : r.node().equals(prefix + f.target))) {
                    first = r.sendNanos();
                }
            }
            double from = (first == Long.MAX_VALUE ? reached : first) / 1e9;
            out.add(new Exposure.Detection(from, f.detectedNanos < 0 ? Double.NaN : f.detectedNanos / 1e9));
        }
        return out;
    }

    /** What became of all faults: the totals the run's metrics report. */
    FaultCounts total() {
        return FaultCounts.total(byType());
    }

    /** Counted by the model's rule, as the simulator counts. */
    Map<FaultType, FaultCounts> byType() {
        List<FaultCounts.Fate> fates = new ArrayList<>();
        for (ActiveFault f : all()) {
            fates.add(new FaultCounts.Fate(f.spec.type(), f.reachedProduction, f.state == ActiveFault.State.CAUGHT,
                    f.escaped));
        }
        return FaultCounts.byType(fates);
    }
}
