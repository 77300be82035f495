package imago.executor.run;

import imago.executor.db.Conversion;
import imago.executor.db.DatabaseServer;
import imago.model.fault.FaultInjection;
import imago.model.plan.PlannedStep;
import imago.model.plan.Step;
import imago.model.plan.Universe;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

/**
 * In place: a converted copy of each table, swapped in (offline: production read-only meanwhile).
 * Into a parallel universe: change capture first (online) or production read-only until the switch
 * (offline), then a converted bulk copy.
 */
record ConvertDataAction(Step.ConvertData step) implements StepAction {

    @Override
    public Done act(RunContext run, PlannedStep ps) throws Exception {
        boolean skip = false;
        for (String t : step.targets()) {
            for (FaultInjection f : run.faults.at(ps, t)) {
                skip = true;
                run.faults.skippedMigration(ps, f, t);
            }
        }
        long t0 = System.nanoTime();
        Conversion.Report report = step.universe() == Universe.PRODUCTION ? inPlace(run, skip) : parallel(run, skip);
        double s = (System.nanoTime() - t0) / 1e9;
        run.state.leftOut(step.universe(), report.skipped());
        // The source's export time is what calibrates how long a copy burdens production (sim-vs-real).
        String exported = report.exportS().isPresent()
                ? String.format(Locale.ROOT, ", exported by the source in %.2f s", report.exportS().getAsDouble()) : "";
        // And each table's swap calibrates how a conversion's time splits among its tables.
        String swaps = report.swaps().isEmpty() ? "" : report.swaps().stream()
                .map(w -> String.format(Locale.ROOT, "%s %d rows at %.2f s", w.table(), w.rows(), w.atS()))
                .collect(java.util.stream.Collectors.joining("; ", ", swaps: ", ""));
        return StepAction.done(String.format(Locale.ROOT, "%d rows converted in %.2f s (%.0f rows/s)%s%s%s%s", report.rows(), s, report.rows() / s,
                step.online() ? ", online" : ", offline", swaps, exported, report.skipped().isEmpty() ? "" : ", skipped " + report.skipped()));
    }

    private Conversion.Report inPlace(RunContext run, boolean skip) throws StepFailure, InterruptedException {
        boolean freeze = !step.online() && run.serving == Universe.PRODUCTION && run.anyInRotation(Universe.PRODUCTION);
        if (freeze) {
            run.ingress.update(r -> r.withReadOnly(true));
        }
        try (Connection c = run.requireDb(Universe.PRODUCTION).admin()) {
            Conversion.Report report = run.system.convertInPlace(c, skip);
            run.system.grantApp(c);
            return report;
        } catch (SQLException e) {
            throw new StepFailure("in-place conversion failed: " + e.getMessage(), step.targets());
        } finally {
            if (freeze) {
                run.ingress.update(r -> r.withReadOnly(false));
            }
        }
    }

    private Conversion.Report parallel(RunContext run, boolean skip) throws Exception {
        DatabaseServer source = run.requireDb(Universe.PRODUCTION);
        DatabaseServer target = run.requireDb(step.universe());
        try (Connection src = source.admin(); Connection dst = target.admin()) {
            if (step.online()) {
                // Capture first: every write from now on reaches the sync, whatever the copy sees.
                run.system.captureChanges(src);
            } else {
                // Offline copy: production is frozen (read-only) until the switch.
                run.ingress.update(r -> r.withReadOnly(true));
            }
            Path scratch = Files.createDirectories(run.work.resolve("scratch"));
            return run.system.copyConverted(src, dst, scratch, skip);
        }
    }

    @Override
    public void effect(RunState state) {
        state.converted(step.universe());
    }
}
