package imago.executor;

import imago.model.experiment.Experiment;
import imago.model.experiment.Scenario;
import imago.model.metrics.Outcome;
import imago.model.metrics.RunResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Plans on PostgreSQL servers: in-place (the table-by-table conversion in one database) and Imago
 * (one server per universe, the v2 copy through COPY, change capture through PL/pgSQL triggers, the
 * switch, the old universe's retirement); skipped where the PostgreSQL server programs are not
 * installed (CI installs them).
 */
@org.junit.jupiter.api.Tag("extended") // a second database engine: -Pextended-its (and .ci/run)
class PostgresIT {

    @TempDir
    Path tmp;

    @BeforeAll
    static void serverInstalled() {
        assumeTrue(Bidding.postgresInstalled(), "PostgreSQL server programs not installed");
    }

    @Test
    void inPlaceConvertsThePostgresqlDatabaseAndLosesNothing() throws Exception {
        RunResult r = run("in-place", new CopyOnWriteArrayList<>()).result();
        assertThat(r.outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(r.lostWrites()).isZero();
        assertThat(r.plannedUnavailableS()).isGreaterThan(0);
    }

    @Test
    void imagoUpgradesOnPostgresqlWithoutDowntimeOrLostWrites() throws Exception {
        List<String> servers = new CopyOnWriteArrayList<>();
        ExecutorRun run = run("imago", servers);
        RunResult r = run.result();
        assertThat(servers).containsExactly("production/db-1", "parallel/db-1");
        assertThat(r.outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(r.lostWrites()).isZero();
        assertThat(r.mixedVersionS()).isZero();
        // No downtime whatever the machine's speed: no error answer (time-outs are measured, not asserted).
        assertThat(Bidding.errorsBesidesSlowness(run.requestLog())).isEmpty();
    }

    /** Runs {@code scenario} on PostgreSQL; {@code servers} receives the database servers started. */
    private ExecutorRun run(String scenario, List<String> servers) throws Exception {
        Experiment e = Bidding.shortened(1, 2);
        Scenario s = Bidding.scenario(e, scenario);
        Path work = tmp.resolve("work-" + scenario);
        ExecutorOptions o = ExecutorOptions.defaults(tmp.resolve("out-" + scenario)).withData(DataSize.small())
                .withDatabase(DatabaseKind.POSTGRESQL).withWorkRoot(work).withTimeScale(0.3)
                .withProgress(ev -> {
                    System.out.println("[postgresql " + scenario + "] " + ev);
                    if (ev instanceof ExecutorEvent.ProcessStarted p && p.name().endsWith("db-1")) {
                        servers.add(p.name());
                    }
                });
        ExecutorRun r = Executor.run(e, s, Bidding.plan(e, s), o);
        System.out.println("postgresql " + scenario + " -> " + r.result());
        try (Stream<Path> left = Files.list(work)) {
            assertThat(left.toList()).isEmpty();
        }
        // As root the clusters live in the system temporary folder: gone too.
        assertThat(Bidding.pgClustersOwnedBy(ProcessHandle.current().pid())).isEmpty();
        return r;
    }
}
