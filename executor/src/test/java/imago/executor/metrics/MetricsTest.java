package imago.executor.metrics;

import imago.executor.ingress.Backend;
import imago.executor.ingress.Ingress;
import imago.executor.ingress.Routing;
import imago.executor.load.RequestRecord;
import imago.model.metrics.Outcome;
import imago.model.metrics.RunResult;
import imago.model.plan.Universe;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The metrics of DESIGN §3 from a hand-made request log (times in nanoseconds from 0). */
class MetricsTest {

    private static final long S = 1_000_000_000L;
    private static final Backend V1 = new Backend("app-1", Universe.PRODUCTION, "v1", 1);
    private static final Backend V2 = new Backend("app-2", Universe.PRODUCTION, "v2", 2);

    private static RequestRecord ok(long send, String version) {
        return new RequestRecord(0, 1, "view-item", "GET", "/items/1", send, send + 10_000_000, 200, version,
                "production/app-1", "", false, -1, -1, "", -1, false, "");
    }

    private static RequestRecord refused(long send, boolean planned) {
        return new RequestRecord(0, 1, "view-item", "GET", "/items/1", send, send + 1_000_000, 503, "", "",
                "no-backend", planned, -1, -1, "", -1, false, "");
    }

    private static RequestRecord failed(long send) {
        return new RequestRecord(0, 1, "view-item", "GET", "/items/1", send, send + 1_000_000, 500, "v2",
                "production/app-2", "", false, -1, -1, "", -1, false, "db down");
    }

    private static RequestRecord confirm(long send, String producer, String consumer, int status, int validations) {
        return new RequestRecord(0, 1, RequestRecord.CONFIRM, "POST", "/bids/9/confirm", send, send + 5_000_000, status,
                consumer, "production/app-1", "", false, 9, 100, producer, validations, status == 200, "");
    }

    private static RunFacts facts(List<RequestRecord> records, List<Ingress.Change> routing) {
        return new RunFacts("s", 0, "v1", "v2", records, 0, 4 * S, S, 3 * S, routing,
                List.of(new long[] {0, 4}, new long[] {S, 6}, new long[] {2 * S, 4}), 4, true, 0, 0, 0, 0, 0, Outcome.SUCCESS);
    }

    @Test
    void binsRequestsBySendTimeAndSplitsPlannedFromUnplanned() {
        List<RequestRecord> r = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            r.add(ok(i * S / 4, "v1"));                       // second 0: all fine
        }
        r.add(ok(S + 1, "v1"));                               // second 1: 1 ok, 1 planned refusal
        r.add(refused(S + 2, true));
        r.add(ok(2 * S + 1, "v2"));                           // second 2: 1 ok, 1 unplanned failure
        r.add(failed(2 * S + 2));
        r.add(refused(3 * S + 1, false));                     // second 3: 1 unplanned refusal
        RunResult m = Metrics.compute(facts(r, List.of(new Ingress.Change(0, Routing.of(List.of(V1))))));
        assertThat(m.offered()).isEqualTo(9);
        assertThat(m.availability()).isCloseTo(6 / 9.0, within(1e-9));
        assertThat(m.unavailableS()).isCloseTo(0 + 0.5 + 0.5 + 1, within(1e-9));
        assertThat(m.plannedUnavailableS()).isCloseTo(0.5, within(1e-9));
        assertThat(m.unplannedUnavailableS()).isCloseTo(1.5, within(1e-9));
        assertThat(m.timeline()).hasSize(4);
        assertThat(m.timeline().get(1).failed()).isEqualTo(1);
        assertThat(m.upgradeDurationS()).isCloseTo(2, within(1e-9));
        assertThat(m.throughput()).isCloseTo(6 / 4.0, within(1e-9));
        assertThat(m.p50LatencyMs()).isCloseTo(10, within(1e-9));
        // The unplanned failure and the unplanned refusal harmed production; the planned refusal did not.
        assertThat(m.blastRadius()).isEqualTo(2);
        assertThat(m.timeToDetectS()).as("detection is the run's, not the log's").isNaN();
    }

    @Test
    void upgradeLatencyIsOfRequestsThatSucceededWhileTheUpgradeRan() {
        List<RequestRecord> r = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            r.add(served(i * S / 10, 500));                   // done before the upgrade (it runs from 1 s to 3 s)
        }
        for (int i = 0; i < 10; i++) {
            r.add(served(S + i * S / 10, 20 * (i + 1)));      // 20..200 ms, during it
        }
        r.add(failed(2 * S));                                 // failures have no latency
        RunResult m = Metrics.compute(facts(r, List.of(new Ingress.Change(0, Routing.of(List.of(V1))))));
        assertThat(m.p99LatencyMs()).isCloseTo(500, within(1e-9));
        assertThat(m.p99UpgradeLatencyMs()).isCloseTo(200, within(1e-9));
        // Nothing served during the upgrade: 0, as the simulator's empty histogram.
        RunResult none = Metrics.compute(facts(List.of(ok(0, "v1")), List.of(new Ingress.Change(0, Routing.of(List.of(V1))))));
        assertThat(none.p99UpgradeLatencyMs()).isZero();
    }

    private static RequestRecord served(long send, long latencyMs) {
        return new RequestRecord(0, 1, "view-item", "GET", "/items/1", send, send + latencyMs * 1_000_000, 200, "v1",
                "production/app-1", "", false, -1, -1, "", -1, false, "");
    }

    @Test
    void mixedVersionTimeIsWhenTheIngressRoutesToBoth() {
        List<Ingress.Change> routing = List.of(
                new Ingress.Change(0, Routing.of(List.of(V1))),
                new Ingress.Change(S + S / 2, Routing.of(List.of(V1, V2))),
                new Ingress.Change(3 * S, Routing.of(List.of(V2))));
        RunResult m = Metrics.compute(facts(List.of(ok(0, "v1")), routing));
        assertThat(m.mixedVersionS()).isCloseTo(1.5, within(1e-9));
        assertThat(m.timeline().get(1).newVersionShare()).isCloseTo(0.5, within(1e-9));
        assertThat(m.timeline().get(3).newVersionShare()).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void aCanarysVersionsMixOnlyWhileItsWeightSplitsTheSessions() {
        Routing stable = Routing.of(List.of(V1));
        Routing.Split split = new Routing.Split("v2", 0, 1);
        List<Ingress.Change> routing = List.of(
                new Ingress.Change(0, stable.withSplit(java.util.Optional.of(split))),
                // The canary node in rotation at weight 0 takes nothing: not mixed yet.
                new Ingress.Change(S / 2, stable.plus(V2).withSplit(java.util.Optional.of(split))),
                new Ingress.Change(S + S / 2, stable.plus(V2).withSplit(java.util.Optional.of(split.withWeight(25)))),
                new Ingress.Change(2 * S + S / 2, stable.plus(V2).withSplit(java.util.Optional.of(split.withWeight(100)))));
        RunResult m = Metrics.compute(facts(List.of(ok(0, "v1")), routing));
        assertThat(m.mixedVersionS()).isCloseTo(1.0, within(1e-9));
        assertThat(m.timeline().get(0).newVersionShare()).isCloseTo(0, within(1e-9));
        assertThat(m.timeline().get(1).newVersionShare()).isCloseTo(0.25, within(1e-9));
        assertThat(m.timeline().get(2).newVersionShare()).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void racesAreCallbacksConsumedByAnotherVersionErrorsWhenTheyFailSilentWhenValidatedWrongly() {
        List<RequestRecord> r = List.of(
                confirm(S, "v1", "v1", 200, 1),      // same version: no race
                confirm(S, "v2", "v1", 400, -1),     // v2's client format refused by v1: visible
                confirm(S, "v1", "v2", 200, 0),      // validated by nobody: silent
                confirm(S, "v2", "v2", 200, 1));
        RunResult m = Metrics.compute(facts(r, List.of(new Ingress.Change(0, Routing.of(List.of(V1))))));
        assertThat(m.racesError()).isEqualTo(1);
        assertThat(m.racesSilent()).isEqualTo(1);
        // The visible race failed, the silent one answered wrongly: both reached production.
        assertThat(m.blastRadius()).isEqualTo(2);
    }

    @Test
    void resourceCostIsNodeSecondsOverTheSteadyStates() {
        // Nodes: 6 during [1 s, 2 s), 4 during [2 s, 3 s); steady 4; upgrade [1 s, 3 s).
        RunResult m = Metrics.compute(facts(List.of(ok(0, "v1")), List.of(new Ingress.Change(0, Routing.of(List.of(V1))))));
        assertThat(m.resourceCost()).isCloseTo((6 + 4) / 8.0, within(1e-9));
    }
}
