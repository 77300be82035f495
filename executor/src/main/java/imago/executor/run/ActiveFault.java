package imago.executor.run;

import imago.model.fault.FaultInjection;
import imago.executor.process.ManagedProcess;
import imago.model.plan.Universe;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A fault the run injected: where, and what became of it. Mutable, owned by one run.
 *
 * <p>The real mechanism per type: 1, a typo in the new version's configured database port; 2,
 * {@code db.pool.size=0}; 3, at Install a conflicting jar (v1's Gson 2.10.1) first on the new
 * version's classpath, so v2's requests fail with {@code NoSuchMethodError} (500) while its health
 * check passes, and at Provision, Configure or Start the node's port taken by another process; 4,
 * at ConvertData the ITEMS migration skipped, elsewhere {@code SELECT} on ITEMS revoked.
 */
final class ActiveFault {

    enum State { ACTIVE, CAUGHT, ROLLED_BACK }

    final FaultInjection spec;
    final int step;
    final Universe universe;
    final String target;
    /** Type 4: the ITEMS migration was skipped (else: privileges were revoked). */
    final boolean skippedMigration;
    Optional<ManagedProcess> squatter = Optional.empty();
    /** Type 3 at Install: the conflicting jar put first on the node's classpath. */
    Optional<Path> conflictingJar = Optional.empty();
    State state = State.ACTIVE;
    /** It served live traffic: injected in production, or present in a universe switched to. */
    boolean reachedProduction;
    /** When it reached production (injected there, or switched to); -1 before. */
    long reachedNanos = -1;
    /** When the production monitor detected it; -1 if it did not. */
    long detectedNanos = -1;
    boolean escaped;

    ActiveFault(FaultInjection spec, int step, Universe universe, String target, boolean skippedMigration) {
        this.spec = spec;
        this.step = step;
        this.universe = universe;
        this.target = target;
        this.skippedMigration = skippedMigration;
        this.reachedProduction = universe == Universe.PRODUCTION;
        if (reachedProduction) {
            reachedNanos = System.nanoTime();
        }
    }

    @Override
    public String toString() {
        return spec + " -> " + (skippedMigration ? "skipped ITEMS migration" : switch (spec.type()) {
            case SIMPLE_CONFIG -> "typo in the configured database port";
            case SEMANTIC_CONFIG -> "db.pool.size=0";
            case BROKEN_ENVIRONMENT -> conflictingJar.isPresent()
                    ? "conflicting " + conflictingJar.get().getFileName() + " first on the classpath"
                    : "port taken by another process";
            case DATA_ACCESS -> "SELECT on ITEMS revoked";
        });
    }
}
