package imago.sim.bench;

import imago.model.config.ExperimentLoader;
import imago.model.experiment.Experiment;
import imago.model.experiment.Scenario;
import imago.model.fault.FaultModel;
import imago.model.plan.Plan;
import imago.model.plan.PlanCompiler;
import imago.model.workload.Arrivals;
import imago.model.workload.Workload;
import imago.sim.DetailedRun;
import imago.sim.SimOptions;
import imago.sim.Simulation;
import imago.sim.SimulationInput;
import imago.sim.engine.Engine;
import umontreal.ssj.rng.MRG32k3a;
import umontreal.ssj.rng.RandomStream;
import umontreal.ssj.simevents.Event;
import umontreal.ssj.simevents.Simulator;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A plain-Java benchmark of the simulator, run on demand only (never by {@code mvn verify}):
 * <ol>
 *   <li>simulated events/s and requests/s on the three-tier example (its Imago scenario), and the
 *       bare SSJ hold model with as many pending events, on the same event lists;</li>
 *   <li>cost of 10^5, 10^6, 10^7 simulated requests (steady state at 1,000 req/s): linearity;</li>
 *   <li>heap for one simulated hour at 1,000 req/s with an Imago upgrade in it (run with
 *       {@code -Xmx256m} to show it fits);</li>
 *   <li>replications on 1 thread and on 2 threads: speed-up.</li>
 * </ol>
 * From the repository root:
 * <pre>
 * ./mvnw -q -o -pl sim dependency:build-classpath -Dmdep.outputFile=/tmp/sim.cp
 * java -Xmx256m -cp sim/target/classes:$(cat /tmp/sim.cp) imago.sim.bench.SimBenchmark [--quick] [--config PATH]
 * </pre>
 * Wall-clock figures depend on the machine and on what else runs on it: read them as orders of
 * magnitude and ratios.
 */
public final class SimBenchmark {

    private SimBenchmark() {
    }

    /**
     * @param config        the experiment config (three-tier.yaml)
     * @param scenario      the scenario whose plan the model benchmark runs
     * @param repetitions   measured runs per figure (after as many warm-up runs)
     * @param sizes         simulated request counts for the linearity series
     * @param hourRate      request rate of the one-hour heap run
     * @param threadRuns    replications in the 1-vs-2-thread comparison
     */
    public record Options(Path config, String scenario, int repetitions, long[] sizes, double hourRate, int threadRuns,
                          Set<Integer> sections, List<SimOptions.EventListKind> eventLists) {

        public Options {
            sizes = sizes.clone();
            sections = Set.copyOf(sections);
            eventLists = List.copyOf(eventLists);
        }

        @Override
        public long[] sizes() {
            return sizes.clone();
        }

        public static Options defaults(Path config) {
            return new Options(config, "imago", 5, new long[] {100_000, 1_000_000, 10_000_000}, 1000, 8,
                    Set.of(1, 2, 3, 4), List.of(SimOptions.EventListKind.HEAP, SimOptions.EventListKind.SPLAY_TREE));
        }

        /** A fast pass (seconds), to check the benchmark itself works. */
        public static Options quick(Path config) {
            return new Options(config, "imago", 1, new long[] {20_000, 200_000}, 200, 2,
                    Set.of(1, 2, 3, 4), List.of(SimOptions.EventListKind.HEAP, SimOptions.EventListKind.SPLAY_TREE));
        }

        public Options withSections(Set<Integer> s) {
            return new Options(config, scenario, repetitions, sizes, hourRate, threadRuns, s, eventLists);
        }

        public Options withEventLists(List<SimOptions.EventListKind> l) {
            return new Options(config, scenario, repetitions, sizes, hourRate, threadRuns, sections, l);
        }
    }

    public static void main(String[] args) throws Exception {
        Path config = null;
        boolean quick = false;
        Set<Integer> sections = null;
        List<SimOptions.EventListKind> lists = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--config" -> config = Path.of(args[++i]);
                case "--sections" -> sections = Arrays.stream(args[++i].split(",")).map(Integer::valueOf)
                        .collect(java.util.stream.Collectors.toSet());
                case "--lists" -> lists = Arrays.stream(args[++i].split(",")).map(SimOptions.EventListKind::valueOf).toList();
                default -> throw new IllegalArgumentException(
                        "usage: SimBenchmark [--quick] [--config PATH] [--sections 1,2,3,4] [--lists HEAP,SPLAY_TREE,...]");
            }
        }
        if (config == null) {
            config = findConfig();
        }
        Options o = quick ? Options.quick(config) : Options.defaults(config);
        if (sections != null) {
            o = o.withSections(sections);
        }
        if (lists != null) {
            o = o.withEventLists(lists);
        }
        run(System.out, o);
    }

    private static Path findConfig() {
        for (String p : List.of("experiments/configs/three-tier.yaml", "../experiments/configs/three-tier.yaml")) {
            if (Files.exists(Path.of(p))) {
                return Path.of(p);
            }
        }
        throw new IllegalArgumentException("three-tier.yaml not found: pass --config PATH");
    }

    public static void run(PrintStream out, Options o) throws Exception {
        Experiment exp = ExperimentLoader.load(o.config());
        Scenario sc = exp.scenario(o.scenario()).orElseThrow(() -> new IllegalArgumentException("no scenario " + o.scenario()));
        out.printf(Locale.ROOT, "Imago simulator benchmark: %s, scenario %s; JVM %s, %d cores, max heap %d MiB%n",
                o.config(), o.scenario(), Runtime.version(), Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20);

        SimulationInput in = input(exp, sc);
        if (o.sections().contains(1)) {
            modelVersusHold(out, o, exp, in);
        }
        if (o.sections().contains(2)) {
            linearity(out, o, exp, sc);
        }
        if (o.sections().contains(3)) {
            hour(out, o, exp, sc);
        }
        if (o.sections().contains(4)) {
            out.println();
            out.printf(Locale.ROOT, "4. %d replications of %s: 1 thread vs 2 threads (wall clock)%n", o.threadRuns(), o.scenario());
            double[] one = replications(in, o.threadRuns(), 1);
            double[] two = replications(in, o.threadRuns(), 2);
            out.printf(Locale.ROOT, "   1 thread %.2f s wall (%.3f s CPU/replication), 2 threads %.2f s wall (%.3f s CPU/replication):"
                            + " speed-up %.2f, CPU used in parallel %.2f cores%n",
                    one[0], one[1] / o.threadRuns(), two[0], two[1] / o.threadRuns(), one[0] / two[0], two[1] / two[0]);
        }
    }

    /** Thread CPU time: robust to other processes sharing the cores, unlike wall time. */
    private static long cpu() {
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    private static void modelVersusHold(PrintStream out, Options o, Experiment exp, SimulationInput in) {
        out.println();
        out.println("1. events/s: three-tier model vs bare SSJ hold model with as many pending events (wall | thread CPU)");
        Engine.Probed probe = Engine.runProbed(in, 0, SimOptions.defaults());
        int pending = (int) Math.round(probe.meanPendingEvents());
        out.printf(Locale.ROOT, "   model: %.0f requests/s offered, mean %d pending events (max %d)%n",
                exp.workload().arrivals().meanRate(0), pending, probe.maxPendingEvents());
        for (SimOptions.EventListKind k : o.eventLists()) {
            SimOptions opt = SimOptions.defaults().withEventList(k);
            for (int i = 0; i < o.repetitions(); i++) {
                Simulation.runDetailed(in, i, opt); // warm-up
            }
            long events = 0, requests = 0, nanos = 0, cpuNanos = 0;
            for (int i = 0; i < o.repetitions(); i++) {
                long t0 = System.nanoTime();
                long c0 = cpu();
                DetailedRun d = Simulation.runDetailed(in, i, opt);
                cpuNanos += cpu() - c0;
                nanos += System.nanoTime() - t0;
                events += d.events();
                requests += d.requests();
            }
            double[] hold = holdRate(k, pending, Math.max(events / o.repetitions(), 1_000_000), o.repetitions());
            out.printf(Locale.ROOT, "   %-13s model %5.2f | %5.2f M events/s, %5.3f | %5.3f M requests/s (%d events/request);"
                            + " hold %5.2f | %5.2f M events/s; model/hold (CPU) %.2f%n",
                    k, events / (nanos / 1e9) / 1e6, events / (cpuNanos / 1e9) / 1e6, requests / (nanos / 1e9) / 1e6,
                    requests / (cpuNanos / 1e9) / 1e6, Math.round((double) events / requests), hold[0] / 1e6, hold[1] / 1e6,
                    events / (cpuNanos / 1e9) / hold[1]);
        }
    }

    private static void linearity(PrintStream out, Options o, Experiment exp, Scenario sc) {
        out.println();
        out.printf(Locale.ROOT, "2. cost of N simulated requests (three-tier, steady state at %.0f req/s, one thread)%n", 1000.0);
        SimOptions shortWarmup = SimOptions.defaults().withWarmup(STEADY_WARMUP_S);
        for (long n : o.sizes()) {
            SimulationInput steady = steadyState(exp, sc, 1000, n);
            Simulation.runDetailed(steady, 0, shortWarmup); // JIT warm-up at this size
            long t0 = System.nanoTime();
            long c0 = cpu();
            DetailedRun d = Simulation.runDetailed(steady, 1, shortWarmup);
            double c = (cpu() - c0) / 1e9;
            double s = (System.nanoTime() - t0) / 1e9;
            out.printf(Locale.ROOT, "   N=%,12d simulated requests (%,13d events, %,9.0f s simulated): %8.3f s wall, %8.3f s CPU, %6.3f us CPU/request%n",
                    d.requests(), d.events(), d.simulatedS(), s, c, c / d.requests() * 1e6);
        }
    }

    private static void hour(PrintStream out, Options o, Experiment exp, Scenario sc) throws InterruptedException {
        out.println();
        out.printf(Locale.ROOT, "3. heap for one simulated hour at %.0f req/s with the %s upgrade in it%n", o.hourRate(), o.scenario());
        SimulationInput hour = hour(exp, sc, o.hourRate());
        System.gc();
        long before = usedHeap();
        HeapSampler sampler = new HeapSampler();
        Thread t = Thread.ofPlatform().daemon().start(sampler);
        long t0 = System.nanoTime();
        DetailedRun h = Simulation.runDetailed(hour, 0);
        double s = (System.nanoTime() - t0) / 1e9;
        sampler.stop = true;
        t.join();
        out.printf(Locale.ROOT, "   %,d requests, %,d events, %.0f s simulated, in %.1f s wall%n", h.requests(), h.events(), h.simulatedS(), s);
        out.printf(Locale.ROOT, "   live heap (after a full GC every 0.5 s during the run): max %.1f MiB over %d GCs (%.1f MiB before the run);"
                        + " heap in use incl. garbage: max %d MiB; max heap %d MiB%n",
                sampler.maxLive / 1048576.0, sampler.gcs, before / 1048576.0, sampler.maxUsed >> 20, Runtime.getRuntime().maxMemory() >> 20);
    }

    private static SimulationInput input(Experiment exp, Scenario sc) {
        Plan p = new PlanCompiler(exp.topology(), exp.workload(), exp.upgrade()).compile(sc.name(), sc.strategy());
        return new SimulationInput(exp, sc, p, FaultModel.none());
    }

    private static Experiment withRate(Experiment e, double rate, double preS, double postS) {
        Workload w = e.workload();
        Workload w2 = new Workload(new Arrivals.Poisson(rate), w.sessions(), w.mix(), w.async(), w.timeoutS());
        return new Experiment(e.name(), e.source(), e.topology(), w2, e.upgrade(), e.scenarios(), e.replications(),
                e.seed(), preS, postS, e.maxSimulatedS());
    }

    private static final double STEADY_WARMUP_S = 10;

    /** No upgrade (an empty plan), with a window that simulates about {@code n} requests. */
    private static SimulationInput steadyState(Experiment exp, Scenario sc, double rate, long n) {
        double perSecond = rate * (1 + exp.workload().async().fraction());
        Experiment e = withRate(exp, rate, 0, Math.max(1, n / perSecond - STEADY_WARMUP_S));
        Plan empty = new Plan(sc.name(), sc.strategy(), List.of());
        return new SimulationInput(e, sc, empty, FaultModel.none());
    }

    /** A window of one simulated hour with the scenario's upgrade in it. */
    private static SimulationInput hour(Experiment exp, Scenario sc, double rate) {
        Plan p = new PlanCompiler(exp.topology(), exp.workload(), exp.upgrade()).compile(sc.name(), sc.strategy());
        double post = Math.max(exp.postS(), 3600 - exp.preS() - p.expectedSeconds());
        Experiment e = withRate(exp, rate, exp.preS(), post);
        return new SimulationInput(e, sc, new PlanCompiler(e.topology(), e.workload(), e.upgrade()).compile(sc.name(), sc.strategy()),
                FaultModel.none());
    }

    /** Wall seconds and total thread-CPU seconds of {@code runs} replications on {@code threads}. */
    private static double[] replications(SimulationInput in, int runs, int threads) throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> warm = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                int r = i;
                warm.add(pool.submit(() -> Simulation.run(in, 100 + r)));
            }
            for (Future<?> f : warm) {
                f.get();
            }
            long t0 = System.nanoTime();
            List<Future<Long>> fs = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                int r = i;
                fs.add(pool.submit(() -> {
                    long c0 = cpu();
                    Simulation.run(in, r);
                    return cpu() - c0;
                }));
            }
            long cpuNanos = 0;
            for (Future<Long> f : fs) {
                cpuNanos += f.get();
            }
            return new double[] {(System.nanoTime() - t0) / 1e9, cpuNanos / 1e9};
        }
    }

    // ------------------------------------------------------------------ hold model

    /** The classic hold model: n pending events, each rescheduling itself after an Exp(1) delay. */
    private static final class Hold extends Event {
        private final RandomStream rng;
        private final long[] left;

        Hold(Simulator sim, RandomStream rng, long[] left) {
            super(sim);
            this.rng = rng;
            this.left = left;
        }

        @Override
        public void actions() {
            if (--left[0] <= 0) {
                simulator().stop();
                return;
            }
            schedule(-Math.log(1.0 - rng.nextDouble())); // Exp(1), as the model draws it
        }
    }

    /** Best wall and thread-CPU rates (events/s) of the hold model, after as many warm-up rounds. */
    private static double[] holdRate(SimOptions.EventListKind kind, int pending, long events, int repetitions) {
        double best = 0, bestCpu = 0;
        for (int rep = 0; rep < 2 * repetitions; rep++) {
            Simulator sim = new Simulator(Engine.newEventList(kind));
            MRG32k3a rng;
            synchronized (MRG32k3a.class) {
                rng = new MRG32k3a();
            }
            rng.setSeed(new long[] {12345, 12345, 12345, 12345, 12345, 12345 + rep});
            long[] left = {events};
            for (int i = 0; i < Math.max(1, pending); i++) {
                new Hold(sim, rng, left).schedule(-Math.log(1.0 - rng.nextDouble()));
            }
            long t0 = System.nanoTime();
            long c0 = cpu();
            sim.start();
            double rateCpu = events / ((cpu() - c0) / 1e9);
            double rate = events / ((System.nanoTime() - t0) / 1e9);
            if (rep >= repetitions) {
                best = Math.max(best, rate); // after the warm-up half
                bestCpu = Math.max(bestCpu, rateCpu);
            }
        }
        return new double[] {best, bestCpu};
    }

    // ------------------------------------------------------------------ heap

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    /**
     * Samples heap use every 10 ms, and every 0.5 s forces a full GC to read the live set
     * (pool peak counters are only updated at collections, so they cannot be trusted here).
     */
    private static final class HeapSampler implements Runnable {
        volatile boolean stop;
        long maxUsed, maxLive;
        int gcs;

        @Override
        public void run() {
            long lastGc = System.nanoTime();
            while (!stop) {
                maxUsed = Math.max(maxUsed, usedHeap());
                if (System.nanoTime() - lastGc > 500_000_000L) {
                    System.gc();
                    gcs++;
                    maxLive = Math.max(maxLive, usedHeap());
                    lastGc = System.nanoTime();
                }
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }
}
