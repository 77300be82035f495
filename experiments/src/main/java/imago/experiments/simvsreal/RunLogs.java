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
import java.util.zip.GZIPInputStream;

/** What one executor run's logs (steps.csv, requests.csv.gz) tell the calibration. */
record RunLogs(String scenario, List<StepRow> steps, List<Double> baselineLatenciesS) {

    /** One row of steps.csv. */
    record StepRow(StepKind kind, String universe, List<String> targets, double durationS, String status, String detail) {
    }

    RunLogs {
        steps = List.copyOf(steps);
        baselineLatenciesS = List.copyOf(baselineLatenciesS);
    }

    /**
     * Reads one run's folder.
     *
     * @param preS the observation window before the first step: requests sent then measure the
     *             undisturbed system's latency
     */
    static RunLogs read(String scenario, Path dir, double preS) {
        try {
            return new RunLogs(scenario, steps(dir.resolve("steps.csv")), baseline(dir.resolve("requests.csv.gz"), preS));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the executor's logs in " + dir + ": " + e.getMessage(), e);
        }
    }

    private static List<StepRow> steps(Path file) throws IOException {
        Table t = Table.read().csv(CsvReadOptions.builder(file.toFile())
                .columnTypesPartial(Map.of("targets", ColumnType.STRING, "detail", ColumnType.STRING,
                        "status", ColumnType.STRING, "universe", ColumnType.STRING, "kind", ColumnType.STRING,
                        "duration_s", ColumnType.DOUBLE))
                .build());
        List<StepRow> out = new ArrayList<>();
        for (Row r : t) {
            String kind = r.getString("kind");
            String targets = r.getString("targets");
            out.add(new StepRow(StepKind.parse(kind).orElseThrow(() -> new IOException(file + ": unknown step kind " + kind)),
                    r.getString("universe"), targets.isBlank() ? List.of() : List.of(targets.trim().split(" ")),
                    r.getDouble("duration_s"), r.getString("status"), r.getString("detail")));
        }
        return out;
    }

    private static List<Double> baseline(Path file, double preS) throws IOException {
        List<Double> out = new ArrayList<>();
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            Table t = Table.read().csv(CsvReadOptions.builder(in)
                    .columnTypesPartial(Map.of("send_s", ColumnType.DOUBLE, "latency_ms", ColumnType.DOUBLE,
                            "status", ColumnType.INTEGER, "error", ColumnType.STRING, "path", ColumnType.STRING,
                            "node", ColumnType.STRING))
                    .build());
            for (Row r : t) {
                double send = r.getDouble("send_s");
                int status = r.getInt("status");
                if (send >= 0 && send < preS && status >= 200 && status < 300) {
                    out.add(r.getDouble("latency_ms") / 1000);
                }
            }
        }
        return out;
    }
}
