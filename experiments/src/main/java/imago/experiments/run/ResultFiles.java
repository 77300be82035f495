package imago.experiments.run;

import imago.experiments.stats.Summary;
import imago.model.metrics.Outcome;
import imago.model.metrics.RunResult;
import imago.model.metrics.TimelineBin;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPOutputStream;

/** The tables of a run: one row per replication, the summary per scenario and metric, the timelines. */
public final class ResultFiles {

    private ResultFiles() {
    }

    /** results.csv: scenario, replication, outcome and a column per metric (DESIGN §3 names). */
    public static Table results(List<RunResult> results) {
        Table t = Table.create("results");
        t.addColumns(StringColumn.create("scenario", results.stream().map(RunResult::scenario).toList()),
                IntColumn.create("replication", results.stream().mapToInt(RunResult::replication).toArray()),
                StringColumn.create("outcome", results.stream().map(r -> r.outcome().label()).toList()));
        for (RunResult.Metric m : RunResult.METRICS) {
            t.addColumns(DoubleColumn.create(m.name(), results.stream().mapToDouble(m.value()).toArray()));
        }
        return t;
    }

    /**
     * summary.csv: per scenario and metric, the mean with its 95% Student CI over the runs that
     * finished ({@code n}), and how many runs did not ({@code unfinished}: the sync never converged
     * or the run timed out). An unfinished run stopped part-way, so its metrics (often a perfect
     * availability, as nothing was upgraded) describe no upgrade; averaging them in would make a
     * failed upgrade read as perfect. Computed from the results table, so a single run and merged
     * shards go through the same arithmetic.
     */
    public static Table summary(Table results) {
        StringColumn scenario = StringColumn.create("scenario");
        StringColumn metric = StringColumn.create("metric");
        DoubleColumn mean = DoubleColumn.create("mean");
        DoubleColumn low = DoubleColumn.create("ci95_low");
        DoubleColumn high = DoubleColumn.create("ci95_high");
        IntColumn n = IntColumn.create("n");
        IntColumn unfinished = IntColumn.create("unfinished");
        for (String sc : scenarios(results)) {
            Table rows = results.where(results.stringColumn("scenario").isEqualTo(sc));
            Table done = finished(rows);
            for (RunResult.Metric m : RunResult.METRICS) {
                Summary s = Summary.of(done.doubleColumn(m.name()).asDoubleArray());
                scenario.append(sc);
                metric.append(m.name());
                mean.append(s.mean());
                low.append(s.ciLow());
                high.append(s.ciHigh());
                n.append(s.n());
                unfinished.append(rows.rowCount() - done.rowCount());
            }
        }
        return Table.create("summary").addColumns(scenario, metric, mean, low, high, n, unfinished);
    }

    /** The rows of runs that finished (see {@link Outcome#finished()}). */
    static Table finished(Table results) {
        return results.where(results.stringColumn("outcome").isIn(FINISHED));
    }

    private static final Set<String> FINISHED = java.util.Arrays.stream(Outcome.values()).filter(Outcome::finished)
            .map(Outcome::label).collect(java.util.stream.Collectors.toUnmodifiableSet());

    private static List<String> scenarios(Table results) {
        return new ArrayList<>(new java.util.LinkedHashSet<>(results.stringColumn("scenario").asList()));
    }

    /**
     * outcomes.csv: per scenario, the runs and how many ended in each outcome, so a scenario whose
     * runs never finished cannot hide behind its (finished runs') averages.
     */
    public static Table outcomes(Table results) {
        StringColumn scenario = StringColumn.create("scenario");
        IntColumn runs = IntColumn.create("runs");
        Map<Outcome, IntColumn> counts = new java.util.EnumMap<>(Outcome.class);
        for (Outcome o : Outcome.values()) {
            counts.put(o, IntColumn.create(o.label()));
        }
        for (String sc : scenarios(results)) {
            Table rows = results.where(results.stringColumn("scenario").isEqualTo(sc));
            scenario.append(sc);
            runs.append(rows.rowCount());
            counts.forEach((o, col) -> col.append(rows.where(rows.stringColumn("outcome").isEqualTo(o.label())).rowCount()));
        }
        Table t = Table.create("outcomes").addColumns(scenario, runs);
        counts.values().forEach(t::addColumns);
        return t;
    }

    /** summary of in-memory results (see {@link #summary(Table)}). */
    public static Table summary(List<RunResult> results) {
        return summary(results(results));
    }

    /**
     * differences.csv: for every pair of arms at the same sweep point (labels equal but for the
     * scenario name), per metric, the mean of the per-replication differences a - b with its 95%
     * Student CI, over the replications where both runs finished. Arms share random streams, so these intervals are the sharp way to compare.
     */
    public static Table differences(Table results) {
        StringColumn a = StringColumn.create("scenario_a");
        StringColumn b = StringColumn.create("scenario_b");
        StringColumn metric = StringColumn.create("metric");
        DoubleColumn mean = DoubleColumn.create("mean_difference");
        DoubleColumn low = DoubleColumn.create("ci95_low");
        DoubleColumn high = DoubleColumn.create("ci95_high");
        IntColumn n = IntColumn.create("n");
        List<String> labels = scenarios(results);
        Map<String, Map<Integer, Integer>> rowOf = new LinkedHashMap<>();
        for (String label : labels) {
            rowOf.put(label, new LinkedHashMap<>());
        }
        for (int r = 0; r < results.rowCount(); r++) {
            if (!FINISHED.contains(results.stringColumn("outcome").get(r))) {
                continue; // a pair is compared only where both runs finished
            }
            rowOf.computeIfAbsent(results.stringColumn("scenario").get(r), k -> new LinkedHashMap<>())
                    .put(results.intColumn("replication").getInt(r), r);
        }
        for (int i = 0; i < labels.size(); i++) {
            for (int j = i + 1; j < labels.size(); j++) {
                if (!point(labels.get(i)).equals(point(labels.get(j)))) {
                    continue;
                }
                Map<Integer, Integer> ra = rowOf.get(labels.get(i));
                Map<Integer, Integer> rb = rowOf.get(labels.get(j));
                List<Integer> common = ra.keySet().stream().filter(rb::containsKey).sorted().toList();
                for (RunResult.Metric m : RunResult.METRICS) {
                    DoubleColumn col = results.doubleColumn(m.name());
                    double[] d = common.stream().mapToDouble(rep -> col.getDouble(ra.get(rep)) - col.getDouble(rb.get(rep))).toArray();
                    Summary s = Summary.of(d);
                    a.append(labels.get(i));
                    b.append(labels.get(j));
                    metric.append(m.name());
                    mean.append(s.mean());
                    low.append(s.ciLow());
                    high.append(s.ciHigh());
                    n.append(s.n());
                }
            }
        }
        return Table.create("differences").addColumns(a, b, metric, mean, low, high, n);
    }

    /** The sweep point of an arm label: {@code [maxUnavailable=2]} of {@code rolling[maxUnavailable=2]}. */
    static String point(String label) {
        int i = label.indexOf('[');
        return i < 0 ? "" : label.substring(i);
    }

    /**
     * The timeline's file: gzip-compressed, as per-second bins of long runs are most of a
     * result folder otherwise (a Wikipedia-sized upgrade alone made 12 MB) and compress about 8x;
     * pandas and Tablesaw read it as it is.
     */
    public static final String TIMELINE = "timeline.csv.gz";

    /** The files {@link #writeTables} writes: what a single run and a merge of its shards share byte for byte. */
    public static final List<String> TABLE_FILES = List.of("results.csv", "summary.csv", "outcomes.csv", "differences.csv", TIMELINE);

    /** Most rows a run gets in timeline.csv.gz: four hours of seconds; longer runs get wider bins. */
    public static final int MAX_CSV_BINS = 4 * 3600;

    /** Bin widths (s) a long run's timeline may get: each divides a minute or is whole minutes, so per-minute sums stay exact. */
    private static final int[] WIDTHS = {1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600};

    /** The narrowest bin width from {@link #WIDTHS} that gives at most {@code max} bins for {@code seconds}. */
    public static int binWidth(int seconds, int max) {
        for (int w : WIDTHS) {
            if ((seconds + w - 1) / w <= max) {
                return w;
            }
        }
        return (seconds + max - 1) / max;
    }

    /**
     * Sums consecutive 1-s bins {@code width} at a time (the last group may be shorter): offered,
     * succeeded and failed add up, the new version's share is averaged; each keeps its first second.
     */
    public static List<TimelineBin> binned(List<TimelineBin> bins, int width) {
        if (width <= 1) {
            return bins;
        }
        List<TimelineBin> out = new ArrayList<>((bins.size() + width - 1) / width);
        for (int i = 0; i < bins.size(); i += width) {
            int offered = 0, succeeded = 0, failed = 0, n = 0;
            double share = 0;
            for (int j = i; j < Math.min(bins.size(), i + width); j++, n++) {
                TimelineBin b = bins.get(j);
                offered += b.offered();
                succeeded += b.succeeded();
                failed += b.failed();
                share += b.newVersionShare();
            }
            out.add(new TimelineBin(bins.get(i).second(), offered, succeeded, failed, share / n));
        }
        return out;
    }

    /**
     * timeline.csv.gz: the bins of every run, one per second up to {@link #MAX_CSV_BINS} seconds;
     * a longer run (a day-long in-place conversion) is binned wider, as its charts are, with
     * {@code bin_s} saying each row's width. Per-second rows of such a run would be most of a
     * reproduction's bytes and say nothing a per-minute chart does not.
     */
    public static Table timeline(List<RunResult> results) {
        StringColumn scenario = StringColumn.create("scenario");
        IntColumn replication = IntColumn.create("replication");
        IntColumn second = IntColumn.create("second");
        IntColumn offered = IntColumn.create("offered");
        IntColumn succeeded = IntColumn.create("succeeded");
        IntColumn failed = IntColumn.create("failed");
        DoubleColumn share = DoubleColumn.create("new_version_share");
        IntColumn width = IntColumn.create("bin_s");
        for (RunResult r : results) {
            int w = binWidth(r.timeline().size(), MAX_CSV_BINS);
            List<TimelineBin> bins = binned(r.timeline(), w);
            for (int i = 0; i < bins.size(); i++) {
                TimelineBin b = bins.get(i);
                width.append(Math.min(w, r.timeline().size() - i * w));
                scenario.append(r.scenario());
                replication.append(r.replication());
                second.append(b.second());
                offered.append(b.offered());
                succeeded.append(b.succeeded());
                failed.append(b.failed());
                share.append(b.newVersionShare());
            }
        }
        return Table.create("timeline").addColumns(scenario, replication, second, offered, succeeded, failed, share, width);
    }

    /** Scenario name to its results, in first-seen order. */
    public static Map<String, List<RunResult>> byScenario(List<RunResult> results) {
        Map<String, List<RunResult>> m = new LinkedHashMap<>();
        for (RunResult r : results) {
            m.computeIfAbsent(r.scenario(), k -> new ArrayList<>()).add(r);
        }
        return m;
    }

    /** The CSV files of a finished run, written atomically. */
    public static void writeAll(List<RunResult> results, Path dir) throws IOException {
        writeTables(results(results), timeline(results), dir);
    }

    /**
     * results.csv, summary.csv, outcomes.csv, differences.csv and timeline.csv.gz, all derived from
     * the results and timeline tables: what a single run and a merge of shards both write.
     */
    public static void writeTables(Table results, Table timeline, Path dir) throws IOException {
        writeCsv(results, dir.resolve("results.csv"));
        writeCsv(summary(results), dir.resolve("summary.csv"));
        writeCsv(outcomes(results), dir.resolve("outcomes.csv"));
        writeCsv(differences(results), dir.resolve("differences.csv"));
        writeCsv(timeline, dir.resolve(TIMELINE));
    }

    /** Temporary files are owner-only; results are meant to be read by others (rw-r--r--). */
    static void shareable(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system: its defaults apply
        }
    }

    /**
     * Writes a table as CSV atomically: a temporary file beside it, then a rename; gzip-compressed
     * when the name ends in {@code .gz} (Java's gzip header has no time stamp, so equal tables give
     * equal bytes).
     */
    public static void writeCsv(Table table, Path file) throws IOException {
        Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), "." + file.getFileName(), ".tmp");
        try {
            try (OutputStream raw = Files.newOutputStream(tmp);
                 OutputStream out = file.getFileName().toString().endsWith(".gz") ? new GZIPOutputStream(raw, 1 << 16) : raw;
                 Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16)) {
                table.write().csv(w);
            }
            shareable(tmp);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
