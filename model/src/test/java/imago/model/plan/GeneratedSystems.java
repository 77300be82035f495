package imago.model.plan;

import imago.model.dist.Dist;
import imago.model.strategy.Strategy;
import imago.model.topology.Tier;
import imago.model.topology.TierKind;
import imago.model.topology.Topology;
import imago.model.upgrade.SchemaChange;
import imago.model.upgrade.Upgrade;
import imago.model.workload.Arrivals;
import imago.model.workload.AsyncInteractions;
import imago.model.workload.RequestType;
import imago.model.workload.Sessions;
import imago.model.workload.Workload;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/** Randomly generated systems and strategy parameters that plan tests (here and in the simulator) run over. */
public final class GeneratedSystems {

    private GeneratedSystems() {
    }

    /** A generated system: 1-4 service tiers of 1-6 replicas, a database, maybe a schema change. */
    public record Sample(long seed, Topology topology, Upgrade upgrade, Workload workload, Strategy.Rolling rolling) {
        @Override
        public String toString() {
            return "seed " + seed + ": " + topology.tiers().stream().map(t -> t.name() + "x" + t.replicas()).toList()
                    + " " + rolling;
        }
    }

    public static Stream<Sample> samples() {
        return IntStream.range(0, 300).mapToObj(GeneratedSystems::sample);
    }

    public static Sample sample(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Tier> tiers = new ArrayList<>();
        tiers.add(tier("ingress", TierKind.INGRESS, 1));
        int services = 1 + r.nextInt(4);
        int minReplicas = Integer.MAX_VALUE;
        List<String> upgraded = new ArrayList<>();
        for (int i = 0; i < services; i++) {
            int replicas = 1 + r.nextInt(6);
            tiers.add(tier("svc" + i, TierKind.SERVICE, replicas));
            if (i == 0 || r.nextBoolean()) {
                upgraded.add("svc" + i);
                minReplicas = Math.min(minReplicas, replicas);
            }
        }
        tiers.add(tier("db", TierKind.DATABASE, 1 + r.nextInt(2)));
        Optional<SchemaChange> schema = r.nextBoolean()
                ? Optional.of(new SchemaChange("db", r.nextBoolean(), 1 + r.nextInt(1_000_000), 10 + r.nextInt(10_000)))
                : Optional.empty();
        Upgrade upgrade = new Upgrade("v1", "v2", upgraded, schema, List.of(), List.of(), List.of(), List.of(), Map.of());
        Workload workload = new Workload(new Arrivals.Poisson(1 + r.nextInt(500)), Sessions.single(),
                List.of(new RequestType("r", 1, r.nextBoolean(), tiers.stream().map(Tier::name).toList())),
                AsyncInteractions.none(), 2);
        // maxUnavailable < the smallest upgraded tier (0 allowed with surge), as validation demands.
        int maxUnavailable = minReplicas == 1 ? 0 : r.nextInt(minReplicas);
        int maxSurge = maxUnavailable == 0 ? 1 + r.nextInt(3) : r.nextInt(3);
        Strategy.Rolling rolling = new Strategy.Rolling(maxUnavailable, maxSurge, r.nextInt(20), r.nextInt(3) * 5, false);
        return new Sample(seed, new Topology(tiers, List.of()), upgrade, workload, rolling);
    }

    static Tier tier(String name, TierKind kind, int replicas) {
        return new Tier(name, kind, replicas, 4, Dist.exponential(0.01),
                IntStream.rangeClosed(1, replicas).mapToObj(i -> "h-" + name + "-" + i).toList());
    }

    public static Plan compile(Sample s, Strategy strategy) {
        return new PlanCompiler(s.topology(), s.workload(), s.upgrade()).compile(strategy.kind(), strategy);
    }

    public static List<Strategy> strategies(Sample s) {
        return List.of(new Strategy.InPlace(), s.rolling(), new Strategy.BlueGreen(2), new Strategy.Imago(0.9, 60, true, 2));
    }
}
