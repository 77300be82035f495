package imago.sim.engine;

import imago.model.plan.Step;

/**
 * What one step kind does in the simulator, one case per kind (DESIGN §2a): at the step's begin,
 * at each target's begin and end, at the step's end, and when the step is abandoned. The effects
 * on node and data state are those of {@link imago.model.plan.PlanState}, which the conformance
 * test checks; what is simulator-only (traffic held, requests flushed, faults drawn) is here too.
 *
 * <p>A target's end usually calls {@link TargetRun#finish()} (draw a fault, done); a kind that
 * needs a second phase (a start's readiness, a runtime test's repairs) calls
 * {@link TargetRun#then(double)} and ends in {@link #completeLater}.
 */
sealed interface StepAction {

    /** The action of {@code run}'s step: the one switch that lists every step kind. */
    static StepAction of(StepRun run) {
        return switch (run.step) {
            case Step.Provision p -> new Provision(run);
            case Step.Drain d -> new Drain(run);
            case Step.Wait w -> new Wait();
            case Step.Stop s -> new Stop(run);
            case Step.Install i -> new Install(run);
            case Step.Configure c -> new Configure();
            case Step.Start s -> new Start(run, s);
            case Step.ConvertData c -> new ConvertData(run, c);
            case Step.SyncData s -> new SyncData(run, s);
            case Step.RuntimeTest t -> new RuntimeTest(run, t, new RuntimeTestReplay(run.world(), run.engine.traffic));
            case Step.Switch s -> new Switch(run, s);
            case Step.Retire r -> new Retire(run);
            case Step.Rollback r -> new Rollback(run);
            case Step.SetWeight w -> new SetWeight(run, w);
            case Step.Analysis a -> new Analysis(run, a);
        };
    }

    /**
     * Whether a target's execution draws its fault as it begins rather than at its end: a
     * conversion's fault is a step it leaves out, which decides what it swaps from the start.
     */
    default boolean drawsFaultAtBegin() {
        return false;
    }

    /** The step begins, before its targets; false when it ends the plan instead. */
    default boolean beginStep() {
        return true;
    }

    /**
     * Target {@code t} begins with its drawn time {@code drawn}: the time until its end, or
     * {@link TargetRun#WAITING} when it waits for something else to schedule it.
     */
    default double begin(TargetRun t, double drawn) {
        return drawn;
    }

    /** Target {@code t}'s time is up. */
    default void complete(TargetRun t) {
        t.finish();
    }

    /** Target {@code t}'s second phase is up (see {@link TargetRun#then}). */
    default void completeLater(TargetRun t) {
        t.finish();
    }

    /** Every target has ended. */
    default void completeStep() {
    }

    /** The step is abandoned while {@code t} is under way; what it changed stays changed. */
    default void abort(TargetRun t) {
    }

    record Provision(StepRun run) implements StepAction {
        @Override
        public double begin(TargetRun t, double drawn) {
            run.world().allocate(t.node); // counts in resource cost from the start of provisioning
            return drawn;
        }

        @Override
        public void complete(TargetRun t) {
            run.world().provisioned(t.node);
            t.finish();
        }
    }

    /** Out of rotation at once; ends when the node is idle, at the latest after its drawn time. */
    record Drain(StepRun run) implements StepAction {
        @Override
        public double begin(TargetRun t, double drawn) {
            run.world().drain(t.node);
            if (t.node.inflight == 0) {
                return 0;
            }
            t.node.drainWaiter = t;
            return drawn;
        }

        @Override
        public void complete(TargetRun t) {
            abort(t);
            t.finish();
        }

        @Override
        public void abort(TargetRun t) {
            if (t.node.drainWaiter == t) {
                t.node.drainWaiter = null;
            }
        }
    }

    /** Nothing changes; its one execution still draws a fault uniform, keeping the fault stream aligned. */
    record Wait() implements StepAction {
    }

    record Stop(StepRun run) implements StepAction {
        @Override
        public double begin(TargetRun t, double drawn) {
            run.world().stop(t.node, run.verdict());
            return drawn;
        }
    }

    record Install(StepRun run) implements StepAction {
        @Override
        public void complete(TargetRun t) {
            run.world().install(t.node);
            t.finish();
        }
    }

    /** Configuration is part of what faults break; it changes no state the simulator models. */
    record Configure() implements StepAction {
    }

    /**
     * Runs at the end of its drawn time, takes traffic after the readiness delay. A node carrying
     * a fault whose type changes how long a start takes (its readiness checks wait on what the
     * fault broke) starts in that fault's time instead.
     */
    record Start(StepRun run, Step.Start step) implements StepAction {
        @Override
        public double begin(TargetRun t, double drawn) {
            if (t.node == null) {
                return drawn;
            }
            return run.engine.faults.startTime(t.node).map(s -> s.sample(run.engine.stepStream())).orElse(drawn);
        }

        @Override
        public void complete(TargetRun t) {
            run.world().run(t.node);
            if (step.readinessDelayS() > 0) {
                t.then(step.readinessDelayS());
                return;
            }
            completeLater(t);
        }

        @Override
        public void completeLater(TargetRun t) {
            run.world().ready(t.node);
            t.finish();
        }
    }

    /**
     * Copy-and-swap conversion of the universe's data, table by table, each swapped in at its end;
     * online or with writes refused meanwhile. It reads the live data's database and takes its
     * share of it (of the one machine, when the processors are shared), unless it converts in
     * place with the application stopped; a copy into another universe reads it only while its
     * source exports. A table a type 4 fault skipped takes none of its time.
     */
    record ConvertData(StepRun run, Step.ConvertData step) implements StepAction {
        @Override
        public boolean drawsFaultAtBegin() {
            return true;
        }

        @Override
        public boolean beginStep() {
            World w = run.world();
            UniverseData data = w.data;
            int du = data.universeOf(run.universe);
            int live = data.universeOf(w.servingUniverse);
            data.conversionStarted(du, !step.online(), step.rows() / step.rate(), run.engine.now(), live, step.phase());
            if (du != live) {
                data.copying(du, live, step.rows(), step.rate(), run.engine.now());
            } else if (step.online()) {
                data.reading(du, live, step.rate());
            }
            return true;
        }

        @Override
        public double begin(TargetRun t, double drawn) {
            UniverseData data = run.world().data;
            return data.withoutSkipped(data.universeOf(run.universe), drawn);
        }

        @Override
        public void completeStep() {
            UniverseData data = run.world().data;
            int du = data.universeOf(run.universe);
            data.doneReading(du);
            data.conversionEnded(du);
        }

        @Override
        public void abort(TargetRun t) {
            UniverseData data = run.world().data;
            int du = data.universeOf(run.universe);
            data.doneReading(du);
            data.conversionStopped(du, run.engine.now());
        }
    }

    /**
     * Brings the copy up to date, reading its source's database meanwhile; a sync that cannot
     * outpace the writes ends the plan.
     */
    record SyncData(StepRun run, Step.SyncData step) implements StepAction {
        @Override
        public boolean beginStep() {
            if (!step.converges()) {
                run.engine.syncNeverConverges();
                return false;
            }
            World w = run.world();
            int du = w.data.universeOf(run.universe);
            int source = w.data.held(du).copySource;
            w.data.reading(du, source >= 0 ? source : w.data.universeOf(w.servingUniverse), step.rate());
            return true;
        }

        @Override
        public void completeStep() {
            World w = run.world();
            w.data.doneReading(w.data.universeOf(run.universe));
            w.data.of(run.universe).synced = true;
        }

        @Override
        public void abort(TargetRun t) {
            World w = run.world();
            w.data.doneReading(w.data.universeOf(run.universe));
        }
    }

    /**
     * Replays a share of production's reads against the universe while it runs and judges it at
     * its end ({@link RuntimeTestReplay}); caught faults extend it by their repairs.
     */
    record RuntimeTest(StepRun run, Step.RuntimeTest step, RuntimeTestReplay replay) implements StepAction {
        @Override
        public double begin(TargetRun t, double drawn) {
            replay.begin();
            return drawn;
        }

        @Override
        public void complete(TargetRun t) {
            Faults faults = run.engine.faults;
            // Faults the test step itself introduces are there before it judges.
            faults.draw(run.planned, t.node, run.universe);
            double extension = faults.runtimeTest(run.universe, step.coverage(), replay);
            if (extension > 0) {
                t.then(extension);
                return;
            }
            t.done();
        }

        @Override
        public void completeLater(TargetRun t) {
            t.done();
        }
    }

    /**
     * Holds new requests from its begin, flips the serving universe at its end (after the hold),
     * then releases them; a switch of a recovery is a reversal.
     */
    record Switch(StepRun run, Step.Switch step) implements StepAction {
        @Override
        public boolean beginStep() {
            run.engine.traffic.hold(run.onPurpose);
            return true;
        }

        @Override
        public void complete(TargetRun t) {
            Engine e = run.engine;
            World w = e.world;
            e.advanceIntegrals();
            int from = w.servingUniverse;
            w.servingUniverse = run.universe;
            w.affinity = step.drainSessions();
            e.switched(from, run.universe, run.onPurpose);
            if (run.onPurpose) {
                e.faults.switchedTo(run.universe);
            }
            w.changed();
            e.traffic.releaseHeld();
            w.releaseRetireWaiters();
            t.finish();
        }

        @Override
        public void abort(TargetRun t) {
            if (t.inMainPhase()) {
                run.engine.traffic.releaseHeld(); // a switch abandoned mid-hold must not keep requests held
            }
        }
    }

    /**
     * Removes the node, stopping it if it still runs (a node a Stop stopped goes at once); after a
     * draining switch, only once its universe's pending callbacks came back.
     */
    record Retire(StepRun run) implements StepAction {
        @Override
        public double begin(TargetRun t, double drawn) {
            World w = run.world();
            if (w.mustWaitForSessions(run.universe)) {
                w.retireWaiters.add(t);
                return TargetRun.WAITING;
            }
            // Retiring is stopping what still runs: a node a Stop has stopped is removed at once, as in the executor.
            return t.node != null && !t.node.running ? 0 : drawn;
        }

        @Override
        public void complete(TargetRun t) {
            run.world().retire(t.node, run.verdict());
            t.finish();
        }

        @Override
        public void abort(TargetRun t) {
            run.world().retireWaiters.remove(t);
        }
    }

    /** A database gets its data back from a backup; any other node stops and comes back on the old version. */
    record Rollback(StepRun run) implements StepAction {
        @Override
        public double begin(TargetRun t, double drawn) {
            World w = run.world();
            if (!w.isDatabase(t.node)) {
                w.stop(t.node, run.verdict());
            }
            return drawn;
        }

        @Override
        public void complete(TargetRun t) {
            World w = run.world();
            if (w.isDatabase(t.node)) {
                run.engine.restoreData(t.node);
            } else {
                run.engine.faults.clearNode(t.node, false);
                w.rollBack(t.node);
            }
            t.finish();
        }
    }

    /** The canary's ingress sends the step's share of sessions to the new version from now on. */
    record SetWeight(StepRun run, Step.SetWeight step) implements StepAction {
        @Override
        public boolean beginStep() {
            run.world().setWeight(step.percent());
            return true;
        }
    }

    /**
     * Measures the new version's requests every interval, as the step's analysis says; ends when
     * it succeeds, and aborts the canary through the plan's recovery when it fails or stays
     * inconclusive.
     */
    final class Analysis implements StepAction {
        private final StepRun run;
        private final imago.model.plan.CanaryAnalysis analysis;
        private int taken, failed, inconclusive;

        Analysis(StepRun run, Step.Analysis step) {
            this.run = run;
            this.analysis = step.analysis();
        }

        @Override
        public double begin(TargetRun t, double drawn) {
            run.engine.traffic.canaryMeter.begin();
            return analysis.intervalS();
        }

        @Override
        public void complete(TargetRun t) {
            completeLater(t);
        }

        /** One measurement is due. */
        @Override
        public void completeLater(TargetRun t) {
            CanaryMeter meter = run.engine.traffic.canaryMeter;
            switch (meter.measure(analysis)) {
                case PASSED -> { }
                case FAILED -> failed++;
                case INCONCLUSIVE -> inconclusive++;
            }
            taken++;
            imago.model.plan.CanaryAnalysis.Phase phase = analysis.assess(taken, failed, inconclusive);
            if (phase == imago.model.plan.CanaryAnalysis.Phase.RUNNING) {
                t.then(analysis.intervalS());
                return;
            }
            meter.end();
            // An abort replaces the rest of the plan, this step included.
            if (!phase.aborts() || !run.engine.analysisFailed()) {
                t.finish();
            }
        }

        @Override
        public void abort(TargetRun t) {
            run.engine.traffic.canaryMeter.end();
        }
    }
}
