package imago.sim;

import imago.model.experiment.Experiment;
import imago.model.fault.FaultModel;
import imago.model.metrics.RunResult;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** A replication is a pure function of (config, scenario, replication, seed). */
class DeterminismTest {

    private record Job(SimulationInput input, int replication) {
        RunResult run() {
            return Simulation.run(input, replication);
        }
    }

    private static List<Job> jobs() {
        Experiment e = Fixtures.withRate(Fixtures.threeTier(), 40);
        List<Job> jobs = new ArrayList<>();
        for (String s : List.of("in-place", "rolling", "blue-green", "imago", "dependency-ordered")) {
            SimulationInput in = Fixtures.input(e, s, FaultModel.handWritten());
            for (int r = 0; r < 2; r++) {
                jobs.add(new Job(in, r));
            }
        }
        return jobs;
    }

    @Test
    void oneThreadAndTwoThreadsGiveIdenticalResults() throws Exception {
        List<Job> jobs = jobs();
        List<RunResult> sequential = jobs.stream().map(Job::run).toList();
        List<RunResult> parallel = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            List<Future<RunResult>> fs = new ArrayList<>();
            // Reversed submission order, so the threads interleave differently from the sequence.
            for (Job j : jobs.reversed()) {
                fs.add(pool.submit(j::run));
            }
            for (Future<RunResult> f : fs.reversed()) {
                parallel.add(f.get());
            }
        }
        assertThat(parallel).isEqualTo(sequential);
    }

    @Test
    void replicationsDifferAndTheSeedMatters() {
        Experiment e = Fixtures.withRate(Fixtures.threeTier(), 40);
        SimulationInput in = Fixtures.input(e, "rolling", FaultModel.none());
        RunResult r0 = Simulation.run(in, 0);
        RunResult r1 = Simulation.run(in, 1);
        assertThat(r1).isNotEqualTo(r0);
        Experiment reseeded = new Experiment(e.name(), e.source(), e.topology(), e.workload(), e.upgrade(), e.scenarios(),
                e.replications(), e.seed() + 1, e.preS(), e.postS(), e.maxSimulatedS());
        assertThat(Simulation.run(Fixtures.input(reseeded, "rolling", FaultModel.none()), 0)).isNotEqualTo(r0);
    }

    @Test
    void everyEventListGivesAValidRun() {
        Experiment e = Fixtures.withRate(Fixtures.threeTier(), 20);
        SimulationInput in = Fixtures.input(e, "imago", FaultModel.none());
        RunResult heap = Simulation.run(in, 0);
        for (SimOptions.EventListKind k : SimOptions.EventListKind.values()) {
            RunResult r = Simulation.run(in, 0, SimOptions.defaults().withEventList(k));
            // Same offered load (it does not depend on event order), same outcome.
            assertThat(r.outcome()).isEqualTo(heap.outcome());
            assertThat(r.availability()).isGreaterThan(0.99);
        }
    }
}
