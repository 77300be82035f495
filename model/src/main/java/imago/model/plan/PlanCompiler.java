package imago.model.plan;

import imago.model.dist.Dist;
import imago.model.strategy.CanaryStep;
import imago.model.strategy.DeclaredOrder;
import imago.model.strategy.Fenceposts;
import imago.model.strategy.Strategy;
import imago.model.topology.Tier;
import imago.model.topology.TierKind;
import imago.model.topology.Topology;
import imago.model.upgrade.SchemaChange;
import imago.model.upgrade.Upgrade;
import imago.model.workload.Workload;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Compiles a strategy, for a topology, workload and upgrade, into a {@link Plan}. */
public final class PlanCompiler {

    private final Topology topology;
    private final Workload workload;
    private final Upgrade upgrade;

    public PlanCompiler(Topology topology, Workload workload, Upgrade upgrade) {
        this.topology = topology;
        this.workload = workload;
        this.upgrade = upgrade;
    }

    public Plan compile(String scenario, Strategy strategy) {
        Plan.Builder b = new Plan.Builder();
        switch (strategy) {
            case Strategy.InPlace s -> inPlace(b);
            case Strategy.Rolling s -> rolling(b, s, upgradedTiers());
            case Strategy.DependencyOrdered s -> rolling(b, s.rolling(), declaredOrder());
            case Strategy.BlueGreen s -> blueGreen(b, s);
            case Strategy.Imago s -> imago(b, s);
            case Strategy.Canary s -> canary(b, s);
        }
        Plan steps = b.build(scenario, strategy);
        return b.build(scenario, strategy, recovery(strategy, steps));
    }

    /** The strategy's recovery rules, and the nodes of {@code plan} they concern. */
    private RecoveryPolicy recovery(Strategy strategy, Plan plan) {
        boolean abortOnFault = switch (strategy) {
            case Strategy.Rolling r -> r.abortOnFault();
            case Strategy.Canary c -> c.abortOnFault();
            case Strategy.DependencyOrdered d -> d.rolling().abortOnFault();
            case Strategy.InPlace s -> s.abortOnFault();
            case Strategy.BlueGreen s -> false;
            case Strategy.Imago s -> false;
        };
        Dist switchBackHold = switch (strategy) {
            case Strategy.BlueGreen g -> Dist.constant(g.switchHoldS());
            case Strategy.Imago s -> Dist.constant(s.switchHoldS());
            case Strategy.InPlace s -> Dist.constant(0);
            case Strategy.Rolling r -> Dist.constant(0);
            case Strategy.Canary c -> Dist.constant(0);
            case Strategy.DependencyOrdered d -> Dist.constant(0);
        };
        List<String> old = topology.nodes().stream().filter(n -> upgrade.tiers().contains(n.tier()))
                .map(imago.model.topology.Node::name).toList();
        // Production nodes a rollback may concern: the topology's, then those the plan adds, in plan order.
        java.util.Set<String> rollback = new java.util.LinkedHashSet<>(old);
        java.util.Set<String> parallel = new java.util.LinkedHashSet<>();
        for (PlannedStep ps : plan.steps()) {
            for (String n : ps.step().targets()) {
                if (ps.step().universe() == Universe.PARALLEL) {
                    parallel.add(n);
                } else if (upgrade.tiers().contains(PlanState.tierOf(n))) {
                    rollback.add(n);
                }
            }
        }
        List<String> canary = strategy instanceof Strategy.Canary
                ? rollback.stream().filter(n -> !old.contains(n)).toList() : List.of();
        return new RecoveryPolicy(abortOnFault, switchBackHold, time(StepKind.ROLLBACK), old, List.copyOf(rollback),
                schema().map(this::dbNodes).orElse(List.of()), List.copyOf(parallel), time(StepKind.RETIRE),
                canary, time(StepKind.DRAIN), progressDeadline(strategy), dataRollback());
    }

    /**
     * Converting the data back: every row of the tables the conversion converted, in place, with
     * no application serving from it (the rollback has taken the new nodes out), at the schema's
     * rollback rate (else its offline rate). Without a schema change there is nothing to convert
     * and a database's rollback takes a step's time.
     */
    private DataRollback dataRollback() {
        Dist step = time(StepKind.ROLLBACK);
        return schema().map(s -> {
            double[] seconds = s.rollbackSecondsByTable();
            List<DataRollback.TableTime> tables = new ArrayList<>();
            for (int i = 0; i < seconds.length; i++) {
                tables.add(new DataRollback.TableTime(s.tables().get(i).name(), seconds[i]));
            }
            return new DataRollback(tables, step);
        }).orElse(DataRollback.fixed(step));
    }

    /** A rolling rollout's progress deadline; none for the other strategies. */
    private static Optional<ProgressDeadline> progressDeadline(Strategy strategy) {
        return rollingKnobs(strategy).map(r -> new ProgressDeadline(r.progressDeadlineS(), r.progressDeadlineAbort()));
    }

    private static Optional<Strategy.Rolling> rollingKnobs(Strategy strategy) {
        return switch (strategy) {
            case Strategy.Rolling r -> Optional.of(r);
            case Strategy.DependencyOrdered d -> Optional.of(d.rolling());
            case Strategy.InPlace s -> Optional.empty();
            case Strategy.BlueGreen s -> Optional.empty();
            case Strategy.Imago s -> Optional.empty();
            case Strategy.Canary s -> Optional.empty();
        };
    }

    /**
     * Each upgraded tier's resolved rolling knobs, in the order the rollout takes the tiers; empty
     * for a strategy that does not roll.
     */
    public java.util.SequencedMap<String, Fenceposts> rollout(Strategy strategy) {
        java.util.SequencedMap<String, Fenceposts> out = new java.util.LinkedHashMap<>();
        rollingKnobs(strategy).ifPresent(r -> {
            List<Tier> tiers = strategy instanceof Strategy.DependencyOrdered ? declaredOrder() : upgradedTiers();
            tiers.forEach(t -> out.put(t.name(), r.fenceposts(t.name(), t.replicas())));
        });
        return java.util.Collections.unmodifiableSequencedMap(out);
    }

    private List<Tier> upgradedTiers() {
        return upgrade.tiers().stream().map(topology::requireTier).toList();
    }

    /** The upgraded tiers, providers before consumers by the declared dependencies. */
    private List<Tier> declaredOrder() {
        return DeclaredOrder.of(topology, upgrade.tiers()).stream().map(topology::requireTier).toList();
    }

    /** The tiers a parallel universe copies: everything but the ingress, which does the switching. */
    private List<Tier> universeTiers() {
        return topology.tiers().stream().filter(t -> t.kind() != TierKind.INGRESS).toList();
    }

    private Dist time(StepKind k) {
        return upgrade.stepTime(k);
    }

    private Optional<SchemaChange> schema() {
        return upgrade.schema();
    }

    private List<String> dbNodes(SchemaChange s) {
        return topology.requireTier(s.database()).nodeNames();
    }

    /** Rows/s written to the data while production runs: the rate a sync must outpace. */
    private double writeRowsPerSecond() {
        return workload.arrivals().meanRate(0) * workload.writeFraction();
    }

    private void perTier(Plan.Builder b, List<Tier> tiers, java.util.function.Function<List<String>, Step> step) {
        perGroup(b, tiers.stream().map(Tier::nodeNames).toList(), step);
    }

    private void inPlace(Plan.Builder b) {
        List<Tier> tiers = upgradedTiers();
        Universe u = Universe.PRODUCTION;
        perTier(b, tiers, n -> new Step.Drain(u, n, time(StepKind.DRAIN)));
        perTier(b, tiers, n -> new Step.Stop(u, n, time(StepKind.STOP)));
        perTier(b, tiers, n -> new Step.Install(u, n, time(StepKind.INSTALL)));
        perTier(b, tiers, n -> new Step.Configure(u, n, time(StepKind.CONFIGURE)));
        schema().ifPresent(s -> b.then(new Step.ConvertData(u, dbNodes(s), s.rows(), s.rate(u, false), false)));
        perTier(b, tiers, n -> new Step.Start(u, n, time(StepKind.START), 0));
    }

    private void rolling(Plan.Builder b, Strategy.Rolling r, List<Tier> tiers) {
        Universe u = Universe.PRODUCTION;
        // The shared database is converted in place first: the new version needs the new schema,
        // and old nodes still running meet it (the hidden data dependency rolling upgrades expose),
        // unless the change is expanded first and contracted after the last batch.
        convertShared(b, r.expandContract(), Step.ConvertData.Phase.EXPAND);
        boolean first = true;
        for (Tier t : tiers) {
            Fenceposts f = r.fenceposts(t.name(), t.replicas());
            List<String> old = new ArrayList<>(t.nodeNames());
            int nextIndex = t.replicas() + 1;
            while (!old.isEmpty()) {
                if (!first && r.pauseS() > 0) {
                    b.then(new Step.Wait(u, Dist.constant(r.pauseS())));
                }
                first = false;
                int surge = Math.min(f.surge(), old.size());
                int inPlace = Math.min(f.unavailable(), old.size() - surge);
                List<String> replaced = List.copyOf(old.subList(0, surge));
                List<String> upgradedHere = List.copyOf(old.subList(surge, surge + inPlace));
                old.subList(0, surge + inPlace).clear();
                List<String> fresh = new ArrayList<>();
                for (int i = 0; i < surge; i++) {
                    fresh.add(t.nodeName(nextIndex++));
                }
                if (!fresh.isEmpty()) {
                    b.then(new Step.Provision(u, fresh, time(StepKind.PROVISION)));
                    b.then(new Step.Install(u, fresh, time(StepKind.INSTALL)));
                    b.then(new Step.Configure(u, fresh, time(StepKind.CONFIGURE)));
                    b.then(new Step.Start(u, fresh, time(StepKind.START), r.readinessDelayS()));
                }
                List<String> leaving = new ArrayList<>(replaced);
                leaving.addAll(upgradedHere);
                b.then(new Step.Drain(u, leaving, time(StepKind.DRAIN)));
                b.then(new Step.Stop(u, leaving, time(StepKind.STOP)));
                if (!replaced.isEmpty()) {
                    b.then(new Step.Retire(u, replaced, time(StepKind.RETIRE)));
                }
                if (!upgradedHere.isEmpty()) {
                    b.then(new Step.Install(u, upgradedHere, time(StepKind.INSTALL)));
                    b.then(new Step.Configure(u, upgradedHere, time(StepKind.CONFIGURE)));
                    b.then(new Step.Start(u, upgradedHere, time(StepKind.START), r.readinessDelayS()));
                }
            }
        }
        if (r.expandContract()) {
            convertShared(b, true, Step.ConvertData.Phase.CONTRACT);
        }
    }

    /**
     * Converts the shared production database in place, online: the whole change, or the given
     * half of it when {@code expandContract}. The contract copies each table again (copy-and-swap
     * drops the old columns by rewriting the table), so it takes as long as the expansion.
     */
    private void convertShared(Plan.Builder b, boolean expandContract, Step.ConvertData.Phase half) {
        Universe u = Universe.PRODUCTION;
        schema().ifPresent(s -> b.then(new Step.ConvertData(u, dbNodes(s), s.rows(), s.rate(u, true), true,
                expandContract ? half : Step.ConvertData.Phase.FULL)));
    }

    /**
     * A canary as Argo Rollouts runs one with a traffic router: before each weight, each upgraded
     * tier gets new-version nodes up to ceil(weight x replicas / 100) beside its full stable set;
     * pauses are waits, analyses measure. After the last step (weight 100) the stable nodes go:
     * the canary is promoted. A compatible schema change (the config refuses another) is converted
     * in place first, as in a rolling upgrade: both versions read it; an expand/contract change is
     * expanded first and contracted after the promotion.
     */
    private void canary(Plan.Builder b, Strategy.Canary c) {
        Universe u = Universe.PRODUCTION;
        convertShared(b, c.expandContract(), Step.ConvertData.Phase.EXPAND);
        List<Tier> tiers = upgradedTiers();
        int[] added = new int[tiers.size()];
        // The new nodes take no session until the first weight says so (Argo starts the canary at 0).
        b.then(new Step.SetWeight(u, 0));
        for (CanaryStep step : c.steps()) {
            switch (step) {
                case CanaryStep.SetWeight w -> {
                    List<List<String>> fresh = new ArrayList<>();
                    for (int i = 0; i < tiers.size(); i++) {
                        Tier t = tiers.get(i);
                        List<String> names = new ArrayList<>();
                        while (added[i] < w.canaryReplicas(t.replicas())) {
                            names.add(t.nodeName(t.replicas() + 1 + added[i]++));
                        }
                        if (!names.isEmpty()) {
                            fresh.add(names);
                        }
                    }
                    if (!fresh.isEmpty()) {
                        perGroup(b, fresh, n -> new Step.Provision(u, n, time(StepKind.PROVISION)));
                        perGroup(b, fresh, n -> new Step.Install(u, n, time(StepKind.INSTALL)));
                        perGroup(b, fresh, n -> new Step.Configure(u, n, time(StepKind.CONFIGURE)));
                        perGroup(b, fresh, n -> new Step.Start(u, n, time(StepKind.START), c.readinessDelayS()));
                    }
                    b.then(new Step.SetWeight(u, w.percent()));
                }
                case CanaryStep.Pause p -> b.then(new Step.Wait(u, Dist.constant(p.seconds())));
                case CanaryStep.Analysis a -> b.then(new Step.Analysis(u, a.analysis()));
            }
        }
        perTier(b, tiers, n -> new Step.Drain(u, n, time(StepKind.DRAIN)));
        perTier(b, tiers, n -> new Step.Retire(u, n, time(StepKind.RETIRE)));
        if (c.expandContract()) {
            convertShared(b, true, Step.ConvertData.Phase.CONTRACT);
        }
    }

    /** One parallel group: {@code step} on each list of nodes. */
    private static void perGroup(Plan.Builder b, List<List<String>> nodes, java.util.function.Function<List<String>, Step> step) {
        b.group();
        nodes.forEach(n -> b.add(step.apply(n)));
        b.group();
    }

    /** Provision, install, configure and start a whole parallel universe of the given tiers. */
    private void buildParallelUniverse(Plan.Builder b, List<Tier> tiers) {
        Universe p = Universe.PARALLEL;
        perTier(b, tiers, n -> new Step.Provision(p, n, time(StepKind.PROVISION)));
        perTier(b, tiers, n -> new Step.Install(p, n, time(StepKind.INSTALL)));
        perTier(b, tiers, n -> new Step.Configure(p, n, time(StepKind.CONFIGURE)));
        perTier(b, tiers, n -> new Step.Start(p, n, time(StepKind.START), 0));
    }

    private List<String> nodesOf(List<Tier> tiers) {
        return tiers.stream().flatMap(t -> t.nodeNames().stream()).toList();
    }

    private void blueGreen(Plan.Builder b, Strategy.BlueGreen g) {
        List<Tier> tiers = universeTiers();
        buildParallelUniverse(b, tiers);
        // No online conversion: production turns read-only while the copy converts.
        schema().ifPresent(s -> b.then(new Step.ConvertData(Universe.PARALLEL, dbNodes(s), s.rows(), s.rate(Universe.PARALLEL, true), false)));
        b.then(new Step.Switch(Universe.PARALLEL, Dist.constant(g.switchHoldS()), false));
        keepOld(b, g.keepOldS());
        b.then(new Step.Retire(Universe.PRODUCTION, nodesOf(tiers), time(StepKind.RETIRE)));
    }

    private void imago(Plan.Builder b, Strategy.Imago s) {
        List<Tier> tiers = universeTiers();
        Universe p = Universe.PARALLEL;
        buildParallelUniverse(b, tiers);
        schema().ifPresent(sc -> {
            b.then(new Step.ConvertData(p, dbNodes(sc), sc.rows(), sc.rate(p, true), true));
            // Writes made during the bulk conversion wait for the incremental sync.
            double backlog = writeRowsPerSecond() * sc.rows() / sc.rate(p, true);
            b.then(new Step.SyncData(p, dbNodes(sc), backlog, sc.rate(p, true), writeRowsPerSecond()));
        });
        b.then(new Step.RuntimeTest(p, Dist.constant(s.testDurationS()), s.testCoverage()));
        b.then(new Step.Switch(p, Dist.constant(s.switchHoldS()), s.drainSessions()));
        keepOld(b, s.keepOldS());
        b.then(new Step.Retire(Universe.PRODUCTION, nodesOf(tiers), time(StepKind.RETIRE)));
    }

    /**
     * Keeps the old universe for a while after the switch, so a fault that escaped into the new one
     * can be reversed by switching back. A wait, not a drain: the old universe already takes no
     * new requests.
     */
    private static void keepOld(Plan.Builder b, double seconds) {
        if (seconds > 0) {
            b.then(new Step.Wait(Universe.PRODUCTION, Dist.constant(seconds)));
        }
    }
}
