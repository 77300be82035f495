package imago.sim.engine;

import imago.model.experiment.Experiment;
import imago.model.metrics.Exposure;
import imago.model.metrics.Outcome;
import imago.model.metrics.RunResult;
import imago.model.plan.Plan;
import imago.model.plan.PlannedStep;
import imago.model.plan.ProgressDeadline;
import imago.model.plan.Recovery;
import imago.model.plan.RecoveryPolicy;
import imago.model.workload.Workload;
import imago.sim.DetailedRun;
import imago.sim.SimOptions;
import imago.sim.SimulationInput;
import imago.sim.metrics.LatencyHistogram;
import imago.sim.metrics.Timeline;
import imago.sim.random.Purpose;
import imago.sim.random.Streams;
import umontreal.ssj.rng.RandomStream;
import umontreal.ssj.simevents.Simulator;
import umontreal.ssj.simevents.eventlist.BinaryTree;
import umontreal.ssj.simevents.eventlist.DoublyLinked;
import umontreal.ssj.simevents.eventlist.EventList;
import umontreal.ssj.simevents.eventlist.Henriksen;
import umontreal.ssj.simevents.eventlist.RedblackTree;
import umontreal.ssj.simevents.eventlist.SplayTree;

import java.util.List;


/**
 * One replication: an SSJ {@link Simulator} of its own, the per-purpose random streams, the
 * system ({@link World}), its traffic, the plan and the faults, and the metrics of DESIGN §3.
 *
 * <p>Simulated time starts a warm-up before the observation window; everything reported is in
 * window time (0 = window start). The plan starts {@code preS} into the window, the window ends
 * {@code postS} after the plan's last step (or its abandonment), and a guard stops a run at
 * {@code maxSimulatedS} of window time with {@link Outcome#TIMED_OUT}.
 */
public final class Engine {

    final Simulator sim;
    private final HeapEventList heap;
    private final SimulationInput input;
    private final Experiment exp;
    private final Plan plan;
    private final int replication;
    private final RandomStream steps;
    final World world;
    final Traffic traffic;
    final ProductionMonitor monitor;
    final Faults faults;
    private final PlanRunner runner;
    private final Timeline timeline = new Timeline();
    private final LatencyHistogram latency = new LatencyHistogram();
    /** Latencies of requests that succeeded while the upgrade ran (first step start to last step end). */
    private final LatencyHistogram upgradeLatency = new LatencyHistogram();

    /** Simulated time at which the observation window opens. */
    private final double w0;
    long events;

    private boolean windowEnded;
    private double windowEnd;
    private Action windowEndAction;
    private boolean timedOut, abandoned, rolledBack, reversed, productionBroken;
    private double upgradeStart = Double.NaN, upgradeEnd = Double.NaN;
    private boolean upgradeOpen;

    private double lastT;
    private boolean mixedNow;
    private double mixedTotal;
    private double nodeSeconds, nodeSecondsAtEnd;
    private long lostWrites;
    private int switchedTo = -1;
    private final WorldView view;
    /** The rollout's progress-deadline clock, from the plan's start; empty without a deadline. */
    private java.util.Optional<ProgressDeadline.Watch> deadline = java.util.Optional.empty();
    private boolean recovered;

    private Engine(SimulationInput in, int replication, SimOptions opt) {
        this(in, replication, opt, GroupObserver.NONE);
    }

    private Engine(SimulationInput in, int replication, SimOptions opt, GroupObserver observer) {
        this.input = in;
        this.exp = in.experiment();
        this.plan = in.plan();
        this.replication = replication;
        EventList list = newEventList(opt.eventList());
        this.heap = list instanceof HeapEventList h ? h : null;
        this.sim = new Simulator(list);
        Streams streams = new Streams(exp.seed(), replication);
        this.steps = streams.get(Purpose.STEPS);
        this.w0 = opt.warmupS().orElse(autoWarmup(exp.workload()));
        this.world = new World(this, exp, plan, opt, streams.get(Purpose.EFFECTS));
        this.monitor = new ProductionMonitor(this, world, exp.workload(), exp.monitor());
        this.traffic = new Traffic(this, world, exp, streams, timeline, latency);
        this.faults = new Faults(this, world, in.faults(), in.scenario().injected(), exp.upgrade().faultyStartTimes(), streams);
        this.view = new WorldView(world);
        this.runner = new PlanRunner(this, plan.groups(), observer, view);
    }

    /**
     * Long enough for the open sessions to reach steady state. With geometric sessions (mean m)
     * the intensity of a session's later requests decays on the scale m x think time, so eight of
     * those (plus the callback delay) leave a deficit of e^-8 (about 0.03%) when the window opens.
     */
    private static double autoWarmup(Workload wl) {
        double scale = Math.max(1, wl.sessions().meanRequests()) * wl.sessions().thinkTime().mean();
        if (wl.sessions().meanRequests() <= 1) {
            scale = 0;
        }
        if (wl.async().fraction() > 0) {
            scale += wl.async().delay().mean();
        }
        return Math.max(1, Math.min(1200, 8 * scale));
    }

    public static DetailedRun run(SimulationInput in, int replication, SimOptions opt) {
        return new Engine(in, replication, opt).execute();
    }

    /** For the conformance test: a run that shows {@code observer} the state after each group of the plan. */
    static DetailedRun runObserved(SimulationInput in, int replication, SimOptions opt, GroupObserver observer) {
        return new Engine(in, replication, opt, observer).execute();
    }

    /**
     * For benchmarks: a run with the size of the event list sampled every simulated second
     * (which adds one event per second, and nothing else). Needs the heap event list.
     */
    public static Probed runProbed(SimulationInput in, int replication, SimOptions opt) {
        if (opt.eventList() != SimOptions.EventListKind.HEAP) {
            throw new IllegalArgumentException("probing needs the HEAP event list");
        }
        Engine e = new Engine(in, replication, opt);
        e.at(1, e::samplePending);
        DetailedRun d = e.execute();
        return new Probed(d, e.pendingSamples == 0 ? 0 : (double) e.pendingSum / e.pendingSamples, e.pendingMax);
    }

    /** A run and the mean and maximum number of pending events seen. */
    public record Probed(DetailedRun run, double meanPendingEvents, int maxPendingEvents) {
    }

    private long pendingSum, pendingSamples;
    private int pendingMax;

    private void samplePending() {
        int n = heap.size();
        pendingSum += n;
        pendingSamples++;
        pendingMax = Math.max(pendingMax, n);
        at(1, this::samplePending);
    }

    /** A fresh event list of the given kind (for benchmarks comparing with bare SSJ models). */
    public static EventList newEventList(SimOptions.EventListKind kind) {
        return switch (kind) {
            case HEAP -> new HeapEventList();
            case SPLAY_TREE -> new SplayTree();
            case BINARY_TREE -> new BinaryTree();
            case HENRIKSEN -> new Henriksen();
            case REDBLACK_TREE -> new RedblackTree();
            case DOUBLY_LINKED -> new DoublyLinked();
        };
    }

    private DetailedRun execute() {
        traffic.start();
        at(w0 + exp.preS(), this::startPlan);
        at(w0 + exp.maxSimulatedS(), this::guard);
        stateChanged();
        sim.start();
        return new DetailedRun(result(), faults.report(), events, traffic.requestsCreated, sim.time());
    }

    // ------------------------------------------------------------------ time

    double now() {
        return sim.time();
    }

    double windowTime(double t) {
        return t - w0;
    }

    boolean inWindow(double t) {
        return t >= w0 && !windowEnded;
    }

    int bin(double t) {
        return (int) (t - w0);
    }

    RandomStream stepStream() {
        return steps;
    }

    /** Schedules a rare control action {@code delay} from now. */
    Action at(double delay, Runnable body) {
        Action a = new Action(sim, this, body);
        a.schedule(Math.max(0, delay));
        return a;
    }

    // ------------------------------------------------------------------ integrals

    /** Integrates mixed-version time (in the window) and node-seconds (from the upgrade's start). */
    void advanceIntegrals() {
        double now = sim.time();
        if (mixedNow) {
            double lo = Math.max(lastT, w0);
            double hi = windowEnded ? Math.min(now, windowEnd) : now;
            if (hi > lo) {
                mixedTotal += hi - lo;
            }
        }
        if (!Double.isNaN(upgradeStart)) {
            double lo = Math.max(lastT, upgradeStart);
            if (now > lo) {
                nodeSeconds += world.allocated * (now - lo);
            }
        }
        lastT = now;
    }

    void stateChanged() {
        advanceIntegrals();
        mixedNow = world.mixed();
        timeline.share(windowTime(sim.time()), world.newVersionShare());
    }

    // ------------------------------------------------------------------ plan control

    private void startPlan() {
        if (windowEnded) {
            return;
        }
        advanceIntegrals();
        upgradeStart = sim.time();
        upgradeOpen = true;
        deadline = plan.recovery().progressDeadline().map(d -> d.watch(sim.time()));
        runner.start();
    }

    void planFinished() {
        if (windowEnded) {
            return;
        }
        advanceIntegrals();
        upgradeEnd = sim.time();
        nodeSecondsAtEnd = nodeSeconds;
        upgradeOpen = false;
        world.recovering = false;
        windowEndAction = at(exp.postS(), this::endWindow);
    }

    /** A request succeeded after {@code latency} seconds: counted in the upgrade's latency while it runs. */
    void servedDuringUpgrade(double latency) {
        if (upgradeOpen) {
            upgradeLatency.add(latency);
        }
    }

    /**
     * A planned group ended: the progress deadline is checked (ProgressDeadline says what progress
     * is); true when passing it rolled the rollout back, which replaces the rest of the plan.
     */
    boolean plannedGroupDone(List<PlannedStep> group) {
        if (deadline.isEmpty() || windowEnded || recovered
                || deadline.get().groupDone(group, sim.time(), view) != ProgressDeadline.Verdict.EXCEEDED
                || !plan.recovery().progressDeadline().orElseThrow().abort()) {
            return false;
        }
        rolledBack = true;
        beginRecovery(plan.recovery().rollBack(view));
        return true;
    }

    void syncNeverConverges() {
        abandoned = true;
        runner.abandon();
        planFinished();
    }

    private void guard() {
        if (windowEnded) {
            return;
        }
        timedOut = true;
        if (upgradeOpen) {
            advanceIntegrals();
            upgradeEnd = sim.time();
            nodeSecondsAtEnd = nodeSeconds;
            upgradeOpen = false;
        }
        endWindow();
    }

    private void endWindow() {
        if (windowEnded) {
            return;
        }
        advanceIntegrals();
        windowEnded = true;
        windowEnd = sim.time();
        productionBroken = world.admission.productionFailing();
        traffic.stopGenerating();
        // Requests sent in the window have resolved (or timed out) one timeout later.
        at(exp.workload().timeoutS() + 1e-9, this::finalStop);
    }

    private void finalStop() {
        traffic.flushUnresolved();
        sim.stop();
    }

    // ------------------------------------------------------------------ switch and recovery

    /** A switch flipped from universe {@code from} to {@code target}: on purpose, or reversed by a recovery. */
    void switched(int from, int target, boolean onPurpose) {
        if (target == from) {
            return;
        }
        if (onPurpose) {
            switchedTo = target;
        } else {
            // A reversed switch: the writes acknowledged in the abandoned universe since the switch
            // are converted back and applied to the old one before the routing flips back (as the
            // executor does with its backward sync), so none is lost.
            reversed = true;
            rolledBack = true;
            switchedTo = -1;
        }
    }

    /** The production monitor saw node {@code n} fail (as the executor's, it stops with the window). */
    void monitorDetected(NodeRt n) {
        if (windowEnded) {
            return;
        }
        if (!faults.detectedOn(n)) {
            breakageDetected();
        }
    }

    void faultDetected(FaultRt f) {
        if (windowEnded || recovered) {
            return; // one recovery per run: what it leaves behind is repaired in place
        }
        recover(plan.recovery().decide(new RecoveryPolicy.DetectedFault(World.universe(f.node.universe), f.escaped), view));
    }

    /**
     * A new-version node fails without an injected fault (a hidden dependency the upgrade broke, a
     * race): treated as the executor treats any detection, as a fault of the serving universe that
     * escaped the tests when that universe is the parallel one. There is nothing to repair in place:
     * where the policy would, production is rolled back (as the executor's RecoveryRunner does) if
     * the failure is in production, and left failing after a switch without the old universe.
     */
    private void breakageDetected() {
        if (windowEnded || recovered) {
            return;
        }
        int u = world.servingUniverse;
        boolean escaped = u != World.PROD;
        Recovery decided = plan.recovery().decide(new RecoveryPolicy.DetectedFault(World.universe(u), escaped), view);
        recover(decided instanceof Recovery.RepairInPlace && !escaped ? plan.recovery().rollBack(view) : decided);
    }

    private void recover(Recovery recovery) {
        switch (recovery) {
            case Recovery.RepairInPlace r -> { } // the fault's own repair ends it
            case Recovery.RollBack r -> {
                rolledBack = true;
                beginRecovery(recovery);
            }
            case Recovery.SwitchBack r -> beginRecovery(recovery); // the flip back marks the rollback
            case Recovery.AbandonParallel r -> beginRecovery(recovery);
            case Recovery.AbortCanary r -> {
                rolledBack = true;
                beginRecovery(recovery);
            }
        }
    }

    /**
     * A canary's analysis failed or stayed inconclusive: the plan's policy aborts the canary.
     * False when there was nothing to abort (the canary already promoted), and the plan goes on.
     */
    boolean analysisFailed() {
        if (windowEnded || recovered) {
            return false;
        }
        Recovery recovery = plan.recovery().analysisFailed(view);
        return switch (recovery) {
            case Recovery.AbortCanary r -> {
                rolledBack = true;
                beginRecovery(recovery);
                yield true;
            }
            case Recovery.RepairInPlace r -> false;
            case Recovery.RollBack r -> throw new IllegalStateException("a failed analysis rolls nodes back: " + r);
            case Recovery.SwitchBack r -> throw new IllegalStateException("a failed analysis switches back: " + r);
            case Recovery.AbandonParallel r -> throw new IllegalStateException("a failed analysis abandons a universe: " + r);
        };
    }

    private void beginRecovery(Recovery recovery) {
        if (windowEndAction != null) {
            windowEndAction.cancel();
            windowEndAction = null;
        }
        advanceIntegrals();
        upgradeOpen = true;
        recovered = true;
        world.recovering = true;
        // A recovery waits for nothing: callbacks pinned to a universe no longer hold its retirement.
        runner.recover(plan.after(recovery.steps()));
    }

    /** The data of the node's universe goes back to the old schema from a backup. */
    void restoreData(NodeRt db) {
        DataState d = world.data.of(db.universe);
        if (d.conversionStarted) {
            lostWrites += d.writesAcked - d.ackedAtConversionStart;
        }
        d.reset();
        faults.clearNode(db, true);
        world.changed();
    }

    // ------------------------------------------------------------------ result

    private RunResult result() {
        double length = windowEnd - w0;
        Timeline.Summary s = timeline.summarize(length);
        if (switchedTo >= 0 && !reversed) {
            // A copy switched to without an incremental sync misses the writes its source took since.
            DataState b = world.data.of(switchedTo);
            if (b.copySource >= 0 && !b.synced && world.data.universeOf(switchedTo) != b.copySource) {
                lostWrites += world.data.held(b.copySource).writesAcked - b.sourceAckedAtCopy;
            }
        }
        double duration = Double.isNaN(upgradeStart) || Double.isNaN(upgradeEnd) ? 0 : upgradeEnd - upgradeStart;
        int steady = exp.topology().nodeCount();
        double cost = duration > 0 ? nodeSecondsAtEnd / (steady * duration) : 1.0;
        Outcome outcome = Outcome.of(new Outcome.Facts(timedOut, abandoned, productionBroken, rolledBack));
        double timeToDetect = Exposure.timeToDetectS(faults.detections());
        long blastRadius = Exposure.blastRadius(traffic.unplannedFailed, traffic.racesSilent);
        double availability = s.offered() == 0 ? 1.0 : (double) s.succeeded() / s.offered();
        return new RunResult(
                input.scenario().name(),
                replication,
                availability,
                s.unavailableS(),
                s.plannedS(),
                s.unplannedS(),
                duration,
                mixedTotal,
                traffic.racesError,
                traffic.racesSilent,
                lostWrites,
                faults.injected,
                faults.reachedProduction,
                faults.caught,
                faults.escaped,
                outcome,
                cost,
                latency.quantile(0.50) * 1000,
                latency.quantile(0.99) * 1000,
                length > 0 ? s.succeeded() / length : 0,
                s.offered(),
                s.bins()).withUpgradeLatency(upgradeLatency.quantile(0.99) * 1000)
                .withProgressDeadlineExceeded(deadline.map(ProgressDeadline.Watch::exceeded).orElse(false))
                .withExposure(timeToDetect, blastRadius);
    }
}
