package imago.executor.run;

import imago.executor.db.DatabaseServer;
import imago.model.plan.Universe;

import java.nio.file.Files;
import java.sql.Connection;

/**
 * Type 4: at ConvertData a migration skipped (the conversion action asks {@link Faults} before it
 * converts); at any other step the application's read access to a table revoked.
 */
record DataAccessFault() implements FaultMechanism {

    @Override
    public void inject(RunContext run, ActiveFault fault) throws Exception {
        try (Connection c = run.requireDb(fault.universe).admin()) {
            run.system.revokeDataAccess(c);
        }
    }

    @Override
    public void repair(RunContext run, ActiveFault fault) throws Exception {
        DatabaseServer db = run.dbs.get(fault.universe);
        if (db == null || !db.process().alive()) {
            return;
        }
        try (Connection c = db.admin()) {
            if (fault.skippedMigration && fault.universe != Universe.PRODUCTION) {
                // The background sync writes the same table: hold it while the table is redone.
                run.syncer.ifPresent(Syncer::pause);
                try (Connection src = run.requireDb(Universe.PRODUCTION).admin()) {
                    run.system.redoSkippedMigration(src, c, Files.createDirectories(run.work.resolve("scratch")));
                } finally {
                    run.syncer.ifPresent(Syncer::runInBackground);
                }
            } else if (fault.skippedMigration) {
                run.system.convertInPlace(c, false);
            }
            if (fault.skippedMigration) {
                run.state.leftOut(fault.universe, java.util.List.of());
            }
            run.system.grantApp(c);
        }
    }
}
