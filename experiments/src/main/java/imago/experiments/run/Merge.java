package imago.experiments.run;

import imago.model.metrics.RunResult;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Combines the folders of shards i/N of one run into what a single run would have written. */
public final class Merge {

    private Merge() {
    }

    /** A merge that cannot be done: the message says which folder and why. */
    public static final class MergeException extends RuntimeException {
        public MergeException(String message) {
            super(message);
        }
    }

    public static RunManifest merge(List<Path> shardDirs, Path out) throws IOException {
        if (shardDirs.isEmpty()) {
            throw new MergeException("no shard folders given");
        }
        List<RunManifest> manifests = new ArrayList<>();
        for (Path d : shardDirs) {
            if (!RunManifest.exists(d)) {
                throw new MergeException(d + ": no run.json; not a finished run's folder");
            }
            manifests.add(RunManifest.read(d));
        }
        RunManifest first = manifests.getFirst();
        Set<Integer> seen = new TreeSet<>();
        int count = -1;
        for (int i = 0; i < manifests.size(); i++) {
            RunManifest m = manifests.get(i);
            Path d = shardDirs.get(i);
            if (!m.configSha256().equals(first.configSha256()) || m.seed() != first.seed()
                    || m.replications() != first.replications() || !m.arms().equals(first.arms())) {
                throw new MergeException(d + ": from another run than " + shardDirs.getFirst() + " (config, seed, replications or arms differ)");
            }
            if (m.shard().equals("all")) {
                throw new MergeException(d + ": a complete run, not a shard");
            }
            Shard s = Shard.parse(m.shard());
            if (count >= 0 && s.count() != count) {
                throw new MergeException(d + ": shard " + s + " does not split the run like the others (/" + count + ")");
            }
            count = s.count();
            if (!seen.add(s.index())) {
                throw new MergeException(d + ": shard " + s + " given twice");
            }
        }
        if (seen.size() != count) {
            List<Integer> missing = new ArrayList<>();
            for (int i = 1; i <= count; i++) {
                if (!seen.contains(i)) {
                    missing.add(i);
                }
            }
            throw new MergeException("missing shards " + missing.stream().map(i -> i + "/" + manifests.getFirst().shard().split("/")[1]).toList());
        }

        Table results = null;
        Table timeline = null;
        double wall = 0;
        for (int i = 0; i < shardDirs.size(); i++) {
            Table r = read(shardDirs.get(i).resolve("results.csv"), resultTypes());
            Table t = read(shardDirs.get(i).resolve(ResultFiles.TIMELINE), timelineTypes());
            results = results == null ? r : results.append(r);
            timeline = timeline == null ? t : timeline.append(t);
            wall += manifests.get(i).wallTimeSeconds();
        }
        List<String> arms = first.arms();
        Comparator<Integer> byRow = rowOrder(results, arms);
        results = reorder(results, byRow);
        timeline = reorder(timeline, rowOrder(timeline, arms, "second"));
        Files.createDirectories(out);
        ResultFiles.writeTables(results, timeline, out);
        RunManifest merged = new RunManifest(first.imagoVersion(), first.gitCommit(), first.config(), first.configSha256(),
                first.experiment(), first.seed(), first.replications(), arms, "all (merged from " + shardDirs.size() + " shards)",
                first.backend(), first.threads(), first.jvm(), first.machine(), wall, java.time.Instant.now().toString());
        merged.write(out);
        return merged;
    }

    private static Table read(Path csv, ColumnType[] types) throws IOException {
        if (!Files.isRegularFile(csv)) {
            throw new MergeException(csv + ": missing");
        }
        try (java.io.InputStream in = csv.getFileName().toString().endsWith(".gz")
                ? new java.util.zip.GZIPInputStream(Files.newInputStream(csv), 1 << 16) : Files.newInputStream(csv)) {
            return Table.read().usingOptions(CsvReadOptions.builder(in).columnTypes(types));
        } catch (RuntimeException | java.util.zip.ZipException e) {
            throw new MergeException(csv + ": unreadable (" + e.getMessage() + ")");
        }
    }

    static ColumnType[] resultTypes() {
        List<ColumnType> t = new ArrayList<>(List.of(ColumnType.STRING, ColumnType.INTEGER, ColumnType.STRING));
        RunResult.METRICS.forEach(m -> t.add(ColumnType.DOUBLE));
        return t.toArray(ColumnType[]::new);
    }

    static ColumnType[] timelineTypes() {
        return new ColumnType[]{ColumnType.STRING, ColumnType.INTEGER, ColumnType.INTEGER, ColumnType.INTEGER,
                ColumnType.INTEGER, ColumnType.INTEGER, ColumnType.DOUBLE, ColumnType.INTEGER};
    }

    private static Comparator<Integer> rowOrder(Table t, List<String> arms, String... more) {
        Comparator<Integer> c = Comparator.<Integer>comparingInt(i -> arms.indexOf(t.stringColumn("scenario").get(i)))
                .thenComparingInt(i -> t.intColumn("replication").getInt(i));
        for (String col : more) {
            c = c.thenComparingInt(i -> t.intColumn(col).getInt(i));
        }
        return c;
    }

    private static Table reorder(Table t, Comparator<Integer> order) {
        List<Integer> rows = new ArrayList<>();
        for (int i = 0; i < t.rowCount(); i++) {
            rows.add(i);
        }
        rows.sort(order);
        // Table.rows(int...) selects through a bitmap and so loses the order; copy row by row.
        Table out = t.emptyCopy();
        for (int i : rows) {
            out.addRow(i, t);
        }
        return out;
    }
}
