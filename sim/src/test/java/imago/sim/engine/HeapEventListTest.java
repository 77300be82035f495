package imago.sim.engine;

import org.junit.jupiter.api.Test;
import umontreal.ssj.simevents.Event;
import umontreal.ssj.simevents.Simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class HeapEventListTest {

    private static final class Mark extends Event {
        private final List<Integer> log;
        private final int id;

        Mark(Simulator sim, List<Integer> log, int id) {
            super(sim);
            this.log = log;
            this.id = id;
        }

        @Override
        public void actions() {
            log.add(id);
        }
    }

    @Test
    void runsEventsInTimeOrderAndTiesFirstInFirstOut() {
        Simulator sim = new Simulator(new HeapEventList());
        List<Integer> log = new ArrayList<>();
        SplittableRandom r = new SplittableRandom(3);
        double[] at = new double[2000];
        for (int i = 0; i < at.length; i++) {
            at[i] = i % 10 == 0 ? 5.0 : r.nextDouble() * 10; // many ties at t = 5
            new Mark(sim, log, i).schedule(at[i]);
        }
        sim.start();
        assertThat(log).hasSize(at.length);
        for (int k = 1; k < log.size(); k++) {
            int a = log.get(k - 1), b = log.get(k);
            assertThat(at[a]).isLessThanOrEqualTo(at[b]);
            if (at[a] == at[b]) {
                assertThat(a).isLessThan(b);
            }
        }
    }

    @Test
    void cancelledEventsDoNotRun() {
        Simulator sim = new Simulator(new HeapEventList());
        List<Integer> log = new ArrayList<>();
        List<Mark> marks = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            Mark m = new Mark(sim, log, i);
            m.schedule(i);
            marks.add(m);
        }
        for (int i = 0; i < 100; i += 3) {
            assertThat(marks.get(i).cancel()).isTrue();
        }
        sim.start();
        assertThat(log).doesNotContain(0, 3, 99).hasSize(66).isSorted();
    }
}
