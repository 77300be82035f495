package imago.executor.run;

import imago.model.fault.FaultInjection;
import imago.executor.process.ManagedProcess;
import imago.model.plan.Universe;

import java.util.Optional;

/** A fault the run injected: where, and what became of it. Mutable, owned by one run. */
final class ActiveFault {

    enum State { ACTIVE, CAUGHT, ROLLED_BACK }

    final FaultInjection spec;
    final int step;
    final Universe universe;
    final String target;
    /** Type 4: the ITEMS migration was skipped (else: privileges were revoked). */
    final boolean skippedMigration;
    Optional<ManagedProcess> squatter = Optional.empty();
    State state = State.ACTIVE;
    /** It served live traffic: injected in production, or present in a universe switched to. */
    boolean reachedProduction;
    boolean escaped;

    ActiveFault(FaultInjection spec, int step, Universe universe, String target, boolean skippedMigration) {
        this.spec = spec;
        this.step = step;
        this.universe = universe;
        this.target = target;
        this.skippedMigration = skippedMigration;
        this.reachedProduction = universe == Universe.PRODUCTION;
    }

    @Override
    public String toString() {
        return spec + " -> " + (skippedMigration ? "skipped ITEMS migration" : switch (spec.type()) {
            case SIMPLE_CONFIG -> "typo in the configured database port";
            case SEMANTIC_CONFIG -> "db.pool.size=0";
            case BROKEN_ENVIRONMENT -> "port " + "taken by another process";
            case DATA_ACCESS -> "SELECT on ITEMS revoked";
        });
    }
}
