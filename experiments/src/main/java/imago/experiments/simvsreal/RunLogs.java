package imago.experiments.simvsreal;

import imago.model.plan.StepKind;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * What one executor run's logs (steps.csv, requests.csv.gz) tell the calibration and the
 * explanation of misses.
 *
 * @param requestsByKind per request type, the requests sent in the window and how many failed
 * @param latenciesByStep per step kind, the latencies (s) of the requests answered while a step of
 *                        that kind ran: where in the upgrade a slow tail comes from
 * @param baselineByKind  per request type, the latencies (s) of the requests answered before the
 *                        upgrade: the undisturbed system's latency, and what each type costs
 * @param warming         the requests answered by a node the run (re)started, from its Start's or
 *                        Rollback's end on, except those sent while data was converted, synced or
 *                        converted back: how a fresh node serves against the baseline
 */
record RunLogs(String scenario, int replication, List<StepRow> steps, Map<String, List<Double>> baselineByKind,
               Map<String, Requests> requestsByKind, Map<StepKind, List<Double>> latenciesByStep,
               List<Warming> warming) {

    /** A request a restarted node answered {@code ageS} after it took traffic again. */
    record Warming(double ageS, String kind, double latencyS) {
    }

    /** Baseline latencies of no named type: the calibration pools them as one. */
    RunLogs(String scenario, int replication, List<StepRow> steps, List<Double> baselineLatenciesS,
            Map<String, Requests> requestsByKind) {
        this(scenario, replication, steps, baselineLatenciesS.isEmpty() ? Map.of() : Map.of("", baselineLatenciesS),
                requestsByKind, Map.of(), List.of());
    }

    /** The latencies (s) of every request answered before the upgrade, whatever its type. */
    List<Double> baselineLatenciesS() {
        return baselineByKind.values().stream().flatMap(List::stream).toList();
    }

    /** Requests of one type sent in the window, and those that failed (an error status or none). */
    record Requests(int sent, int failed) {
    }

    /** One row of steps.csv. */
    record StepRow(StepKind kind, String universe, List<String> targets, double durationS, String status, String detail) {
        /** How the executor's step detail names the tables a conversion left out (a type 4 fault). */
        private static final Pattern SKIPPED = Pattern.compile(", skipped \\[([^\\]]*)]");
        /** The tables a rollback converted back, with their rows (logs from before it named them have none). */
        private static final Pattern BACK_TABLES = Pattern.compile("rows converted back to \\S+ \\[([^\\]]*)]");
        private static final Pattern TABLE_ROWS = Pattern.compile("([A-Za-z0-9_]+) (\\d+)");

        /** The tables this conversion left out, as the executor names them; none when it skipped none. */
        List<String> skippedTables() {
            Matcher m = SKIPPED.matcher(detail);
            if (!m.find()) {
                return List.of();
            }
            return java.util.Arrays.stream(m.group(1).split(",")).map(String::trim).filter(t -> !t.isEmpty()).toList();
        }

        /** The tables this database's rollback converted back, with their rows, in the log's order; none when it names none. */
        Map<String, Long> tablesConvertedBack() {
            Map<String, Long> tables = new java.util.LinkedHashMap<>();
            Matcher b = BACK_TABLES.matcher(detail);
            if (b.find()) {
                Matcher t = TABLE_ROWS.matcher(b.group(1));
                while (t.find()) {
                    tables.put(t.group(1), Long.parseLong(t.group(2)));
                }
            }
            return tables;
        }
    }

    RunLogs {
        steps = List.copyOf(steps);
        requestsByKind = Map.copyOf(requestsByKind);
        latenciesByStep = Map.copyOf(latenciesByStep);
        // Sorted by type, so the flattened baseline is summed in the same order in every JVM.
        TreeMap<String, List<Double>> sorted = new TreeMap<>();
        baselineByKind.forEach((k, xs) -> sorted.put(k, List.copyOf(xs)));
        baselineByKind = java.util.Collections.unmodifiableSortedMap(sorted);
        warming = List.copyOf(warming);
    }

    /** When a step ran, in the run's seconds. */
    record Span(StepKind kind, double startS, double endS) {
    }

    /** The files one run's folder must hold. */
    static final List<String> FILES = List.of("steps.csv", "requests.csv.gz");

    /**
     * Reads one run's folder.
     *
     * @param preS the observation window before the first step: requests sent then measure the
     *             undisturbed system's latency
     */
    static RunLogs read(String scenario, int replication, Path dir, double preS) {
        try {
            Map<String, Requests> byKind = new TreeMap<>();
            List<Span> spans = new ArrayList<>();
            List<StepRow> steps = steps(dir.resolve("steps.csv"), spans);
            Map<StepKind, List<Double>> byStep = new java.util.EnumMap<>(StepKind.class);
            Map<String, List<Double>> baselineByKind = new TreeMap<>();
            Table requests = requestTable(dir.resolve("requests.csv.gz"));
            requests(requests, preS, baselineByKind, byKind, spans, byStep);
            return new RunLogs(scenario, replication, steps, baselineByKind, byKind, byStep, warming(requests, steps, spans));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the executor's logs in " + dir + ": " + e.getMessage(), e);
        }
    }

    private static List<StepRow> steps(Path file, List<Span> spans) throws IOException {
        Table t = Table.read().csv(CsvReadOptions.builder(file.toFile())
                .columnTypesPartial(Map.of("targets", ColumnType.STRING, "detail", ColumnType.STRING,
                        "status", ColumnType.STRING, "universe", ColumnType.STRING, "kind", ColumnType.STRING,
                        "duration_s", ColumnType.DOUBLE, "start_s", ColumnType.DOUBLE, "end_s", ColumnType.DOUBLE))
                .build());
        List<StepRow> out = new ArrayList<>();
        for (Row r : t) {
            String kind = r.getString("kind");
            String targets = r.getString("targets");
            StepKind k = StepKind.parse(kind).orElseThrow(() -> new IOException(file + ": unknown step kind " + kind));
            out.add(new StepRow(k, r.getString("universe"), targets.isBlank() ? List.of() : List.of(targets.trim().split(" ")),
                    r.getDouble("duration_s"), r.getString("status"), r.getString("detail")));
            spans.add(new Span(k, r.getDouble("start_s"), r.getDouble("end_s")));
        }
        return out;
    }

    private static Table requestTable(Path file) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            return Table.read().csv(CsvReadOptions.builder(in)
                    .columnTypesPartial(Map.of("send_s", ColumnType.DOUBLE, "latency_ms", ColumnType.DOUBLE,
                            "status", ColumnType.INTEGER, "error", ColumnType.STRING, "path", ColumnType.STRING,
                            "node", ColumnType.STRING, "kind", ColumnType.STRING, "end_s", ColumnType.DOUBLE))
                    .build());
        }
    }

    private static boolean ok(Row r) {
        int status = r.getInt("status");
        return status >= 200 && status < 300;
    }

    /**
     * The answers of nodes the run started or rolled back, aged from that step's end (the node back
     * in rotation). A step's targets that answered no request are databases: their Rollback
     * converts data back, which slows every node, so requests sent meanwhile are left out, as are
     * those sent during a conversion or a sync.
     */
    static List<Warming> warming(Table requests, List<StepRow> steps, List<Span> spans) {
        java.util.Set<String> serving = new java.util.HashSet<>();
        for (Row r : requests) {
            serving.add(r.getString("node"));
        }
        Map<String, List<Double>> backAt = new java.util.HashMap<>();
        List<Span> dataSteps = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            StepRow st = steps.get(i);
            boolean node = st.targets().stream().anyMatch(t -> serving.contains(st.universe() + "/" + t));
            switch (st.kind()) {
                case START, ROLLBACK -> {
                    if (node && "ok".equals(st.status())) {
                        for (String t : st.targets()) {
                            backAt.computeIfAbsent(st.universe() + "/" + t, k -> new ArrayList<>()).add(spans.get(i).endS());
                        }
                    } else if (!node && st.kind() == StepKind.ROLLBACK) {
                        dataSteps.add(spans.get(i));
                    }
                }
                case CONVERT_DATA, SYNC_DATA -> dataSteps.add(spans.get(i));
                case PROVISION, DRAIN, STOP, INSTALL, CONFIGURE, RUNTIME_TEST, SWITCH, RETIRE, WAIT, SET_WEIGHT, ANALYSIS -> { }
            }
        }
        List<Warming> out = new ArrayList<>();
        for (Row r : requests) {
            List<Double> back = backAt.get(r.getString("node"));
            double send = r.getDouble("send_s");
            if (back == null || !ok(r) || dataSteps.stream().anyMatch(sp -> send >= sp.startS() && send <= sp.endS())) {
                continue;
            }
            double since = back.stream().filter(b -> b <= send).mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
            if (!Double.isNaN(since)) {
                out.add(new Warming(send - since, r.getString("kind"), r.getDouble("latency_ms") / 1000));
            }
        }
        return out;
    }

    private static void requests(Table t, double preS, Map<String, List<Double>> baselineByKind,
                                 Map<String, Requests> byKind, List<Span> spans, Map<StepKind, List<Double>> byStep) {
        for (Row r : t) {
            double send = r.getDouble("send_s");
            boolean ok = ok(r);
            if (send >= 0 && send < preS && ok) {
                baselineByKind.computeIfAbsent(r.getString("kind"), k -> new ArrayList<>()).add(r.getDouble("latency_ms") / 1000);
            }
            if (ok) {
                double end = r.getDouble("end_s");
                for (Span sp : spans) {
                    if (end >= sp.startS() && end <= sp.endS()) {
                        byStep.computeIfAbsent(sp.kind(), k -> new ArrayList<>()).add(r.getDouble("latency_ms") / 1000);
                    }
                }
            }
            if (send >= 0) {
                byKind.merge(r.getString("kind"), new Requests(1, ok ? 0 : 1),
                        (a, b) -> new Requests(a.sent() + b.sent(), a.failed() + b.failed()));
            }
        }
    }
}
