package imago.executor;

import imago.model.config.ExperimentLoader;
import imago.model.experiment.Experiment;
import imago.model.experiment.Scenario;
import imago.model.fault.FaultInjection;
import imago.model.plan.Plan;
import imago.model.plan.PlanCompiler;

import java.nio.file.Path;
import java.util.List;

/** The bidding experiment of experiments/configs, shortened for tests. */
final class Bidding {

    static final Path CONFIG = Path.of("..", "experiments", "configs", "bidding.yaml");

    private Bidding() {
    }

    static Experiment experiment() {
        return ExperimentLoader.load(CONFIG);
    }

    /** The same experiment with a shorter observation window. */
    static Experiment shortened(double pre, double post) {
        Experiment e = experiment();
        return new Experiment(e.name(), e.source(), e.topology(), e.workload(), e.upgrade(), e.scenarios(),
                e.replications(), e.seed(), pre, post, e.maxSimulatedS());
    }

    static Scenario scenario(Experiment e, String name) {
        return e.scenario(name).orElseThrow();
    }

    /** One short run of {@code scenario} on small data with {@code fault} injected. */
    static ExecutorRun runWithFault(Path tmp, String scenario, FaultInjection fault) throws InterruptedException {
        Experiment e = shortened(1, 2);
        Scenario s = scenario(e, scenario);
        String tag = scenario + "/" + fault;
        // -Dimago.database=postgresql runs the fault cases on PostgreSQL (by hand; verify uses H2).
        DatabaseKind db = DatabaseKind.parse(System.getProperty("imago.database", "h2"));
        ExecutorOptions o = ExecutorOptions.defaults(tmp.resolve("out")).withData(DataSize.small()).withDatabase(db)
                .withWorkRoot(tmp.resolve("work")).withTimeScale(0.3).withFaults(List.of(fault))
                .withProgress(ev -> System.out.println("[" + tag + "] " + ev));
        ExecutorRun r = Executor.run(e, s, plan(e, s), o);
        System.out.println(tag + " -> " + r.result());
        return r;
    }

    /** The lines of a request log ({@code requests.csv.gz}), header left out. */
    static List<String> requestLines(Path gz) throws java.io.IOException {
        try (var in = new java.io.BufferedReader(new java.io.InputStreamReader(
                new java.util.zip.GZIPInputStream(java.nio.file.Files.newInputStream(gz)), java.nio.charset.StandardCharsets.UTF_8))) {
            return in.lines().skip(1).toList();
        }
    }

    /**
     * The requests of a log that failed for another reason than slowness or the plan's intent: an
     * error answer from a node or the ingress (a time-out, the client's or the ingress's 504, is
     * slowness, which a loaded machine shows in any run; a refusal the plan intended, such as a
     * switch hold, is planned).
     */
    static List<String> errorsBesidesSlowness(Path requestLog) throws java.io.IOException {
        return requestLines(requestLog).stream().filter(l -> {
            String[] f = l.split(",", 14);
            int status = Integer.parseInt(f[8]);
            boolean planned = Boolean.parseBoolean(f[12]);
            boolean slow = status <= 0 || status == 504;
            return !(status >= 200 && status < 300) && !slow && !planned;
        }).toList();
    }

    /**
     * The PostgreSQL cluster folders in the system temporary folder that process {@code pid} owns
     * (as root a run keeps its clusters there, marked with their owner; other runs' may be there too).
     */
    static List<Path> pgClustersOwnedBy(long pid) throws java.io.IOException {
        try (java.util.stream.Stream<Path> all = java.nio.file.Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return all.filter(p -> p.getFileName().toString().startsWith("imago-pg-")).filter(p -> {
                try {
                    return java.nio.file.Files.readString(p.resolve(".imago-owner")).startsWith(pid + " ");
                } catch (java.io.IOException e) {
                    return false;
                }
            }).toList();
        }
    }

    /** PostgreSQL's server programs are installed (the PostgreSQL cases are skipped otherwise). */
    static boolean postgresInstalled() {
        try {
            imago.executor.db.PostgresServer.binaries();
            return true;
        } catch (ExecutorException e) {
            return false;
        }
    }

    static Plan plan(Experiment e, Scenario s) {
        return new PlanCompiler(e.topology(), e.workload(), e.upgrade()).compile(s.name(), s.strategy());
    }
}
