package imago.sim.engine;

import imago.model.topology.TierKind;
import imago.model.topology.WarmupStage;
import imago.sim.random.Sampler;

import java.util.List;

/** A tier at run time: its capacity and the dependency facts the hot path checks, as bit masks. */
final class TierRt {
    final int index;
    final String name;
    final TierKind kind;
    final int servers;
    final Sampler service;

    /** In the upgrade's tiers. */
    boolean upgraded;
    /** Never copied into the parallel universe (e.g. the ingress that does the switching). */
    boolean shared;
    /** Has a schema or data dependency on the database whose schema changes. */
    boolean dataDependent;
    /** Tiers sharing a library with this one on a shared host (bit per tier index). */
    long libraryLinks;
    /** Its service location moves in the new version. */
    boolean moved;
    /** Tiers with a service-location dependency on this one (bit per tier index). */
    long locationCallers;

    /** The warm-up stages of a node started during the run: until each age (s), its factor. */
    private final double[] warmUntil;
    private final double[] warmFactor;

    TierRt(int index, String name, TierKind kind, int servers, Sampler service, List<WarmupStage> warmup) {
        this.index = index;
        this.name = name;
        this.kind = kind;
        this.servers = servers;
        this.service = service;
        this.warmUntil = warmup.stream().mapToDouble(WarmupStage::untilS).toArray();
        this.warmFactor = warmup.stream().mapToDouble(WarmupStage::factor).toArray();
    }

    /** What a node that has taken traffic for {@code ageS} since its start scales its service by. */
    double warmup(double ageS) {
        for (int i = 0; i < warmUntil.length; i++) {
            if (ageS < warmUntil[i]) {
                return warmFactor[i];
            }
        }
        return 1;
    }
}
