package imago.experiments.simvsreal;

import imago.experiments.run.ExecutorBackend;
import imago.model.metrics.TimelineBin;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * The real runs of a sim-vs-real run as its output folder keeps them ({@code OUT/real/<experiment>/}):
 * results.csv and timeline.csv.gz, and each run's step and request logs under
 * {@code runs/<scenario>/rep-<r>/}. Everything the calibration and the comparison need, so they can
 * be redone without running anything real again.
 *
 * @param runs one entry per real run, in results.csv's order
 */
record RealRuns(Path dir, List<Run> runs) {

    /** One real run: its row of results.csv, its timeline and its logs. */
    record Run(String scenario, int replication, String outcome, Map<String, Double> values, List<TimelineBin> timeline,
               RunLogs logs) {
    }

    RealRuns {
        runs = List.copyOf(runs);
    }

    /** Where run {@code replication} of arm {@code label} keeps its logs: where the executor backend wrote them. */
    static Path logDir(Path dir, String label, int replication) {
        return new ExecutorBackend(dir.resolve("runs"), note -> { }).logDir(label, replication);
    }

    /**
     * Reads {@code dir}, checking first that every file is there.
     *
     * @param preS the observation window before the first step (its requests measure the service time)
     */
    static RealRuns read(Path dir, double preS) throws IOException {
        for (String f : List.of("results.csv", "timeline.csv.gz")) {
            if (!Files.isRegularFile(dir.resolve(f))) {
                throw new IncompleteRealRuns(dir + ": no " + f + "; not the real runs' folder of a sim-vs-real run (OUT/real/<experiment>)");
            }
        }
        // Every column but the run's identity is a metric: read them all as numbers, whichever they are.
        Table results = Table.read().csv(CsvReadOptions.builder(dir.resolve("results.csv").toFile())
                .columnTypes(c -> switch (c) {
                    case "scenario", "outcome" -> ColumnType.STRING;
                    case "replication" -> ColumnType.INTEGER;
                    default -> ColumnType.DOUBLE;
                }).build());
        if (results.rowCount() == 0) {
            throw new IncompleteRealRuns(dir.resolve("results.csv") + ": no runs");
        }
        for (int i = 0; i < results.rowCount(); i++) {
            Path logs = logDir(dir, results.stringColumn("scenario").get(i), results.intColumn("replication").get(i));
            for (String f : RunLogs.FILES) {
                if (!Files.isRegularFile(logs.resolve(f))) {
                    throw new IncompleteRealRuns(logs.resolve(f) + ": missing; the real run's logs are needed to calibrate");
                }
            }
        }
        Map<String, List<TimelineBin>> timelines = timelines(dir.resolve("timeline.csv.gz"));
        List<Run> runs = new ArrayList<>();
        for (int i = 0; i < results.rowCount(); i++) {
            String scenario = results.stringColumn("scenario").get(i);
            int rep = results.intColumn("replication").get(i);
            Map<String, Double> values = new LinkedHashMap<>();
            for (String c : results.columnNames()) {
                if (results.column(c).type() == ColumnType.DOUBLE) {
                    values.put(c, results.doubleColumn(c).get(i));
                }
            }
            runs.add(new Run(scenario, rep, results.stringColumn("outcome").get(i), values,
                    timelines.getOrDefault(key(scenario, rep), List.of()),
                    RunLogs.read(scenario, rep, logDir(dir, scenario, rep), preS)));
        }
        return new RealRuns(dir, runs);
    }

    private static String key(String scenario, int rep) {
        return scenario + "#" + rep;
    }

    private static Map<String, List<TimelineBin>> timelines(Path file) throws IOException {
        Map<String, List<TimelineBin>> out = new LinkedHashMap<>();
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            Table t = Table.read().csv(CsvReadOptions.builder(in).columnTypesPartial(Map.of("scenario", ColumnType.STRING,
                    "replication", ColumnType.INTEGER, "second", ColumnType.INTEGER, "offered", ColumnType.INTEGER,
                    "succeeded", ColumnType.INTEGER, "failed", ColumnType.INTEGER, "new_version_share", ColumnType.DOUBLE)).build());
            for (int i = 0; i < t.rowCount(); i++) {
                out.computeIfAbsent(key(t.stringColumn("scenario").get(i), t.intColumn("replication").get(i)), k -> new ArrayList<>())
                        .add(new TimelineBin(t.intColumn("second").get(i), t.intColumn("offered").get(i),
                                t.intColumn("succeeded").get(i), t.intColumn("failed").get(i),
                                t.doubleColumn("new_version_share").get(i)));
            }
        }
        return out;
    }
}
