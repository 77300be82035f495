package imago.experiments.study;

import imago.experiments.report.DendrogramChart;
import imago.experiments.report.FaultModelTables;
import imago.experiments.report.PendingChart;
import imago.experiments.report.PrevalenceHeatMap;
import imago.experiments.report.Section;
import imago.experiments.report.SilhouetteChart;
import imago.experiments.report.TypeFrequencyChart;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The fault model's charts and claims, read from the files {@code imago faultmodel} writes
 * (fault-model.json, clusters.csv, dendrogram.csv, silhouette.csv, prevalence.csv,
 * frequencies.csv, validation.csv), so they can be redrawn without clustering again.
 */
public final class FaultModelStudy {

    /** The original study's per-upgrade occurrence of types 1 and 4 (CMU-PDL-08-115). */
    public static final double ORIGINAL_TYPE1 = 0.152;
    public static final double ORIGINAL_TYPE4 = 0.168;

    private final Path dir;

    public FaultModelStudy(Path dir) {
        this.dir = dir;
    }

    private Table csv(String name) {
        return Table.read().usingOptions(CsvReadOptions.builder(dir.resolve(name).toFile()).maxCharsPerColumn(100_000));
    }

    /** validation.csv as key -> value. */
    public Map<String, Double> validation() {
        Table t = csv("validation.csv");
        Map<String, Double> out = new LinkedHashMap<>();
        for (int r = 0; r < t.rowCount(); r++) {
            out.put(t.getString(r, "key"), Double.parseDouble(t.getString(r, "value")));
        }
        return out;
    }

    /** The learned share of reference upgrades with at least one fault of each type 1..4. */
    public Map<Integer, Double> perUpgradeRates() {
        Table t = csv("frequencies.csv");
        Map<Integer, Double> out = new LinkedHashMap<>();
        for (int r = 0; r < t.rowCount(); r++) {
            if (t.getString(r, "basis").equals("clusters") && t.getString(r, "source").equals("pooled")) {
                out.put(Integer.parseInt(t.getString(r, "fault_type")), Double.parseDouble(t.getString(r, "per_upgrade_rate")));
            }
        }
        return out;
    }

    public List<Section> charts() throws IOException {
        List<PendingChart> out = new ArrayList<>();
        Table clusters = csv("clusters.csv");
        var dendrogram = DendrogramChart.of("Average-linkage (UPGMA) dendrogram of " + clusters.rowCount()
                + " upgrade-failure reports, leaves coloured by source", FaultModelTables.merges(csv("dendrogram.csv")),
                FaultModelTables.leaves(clusters));
        out.add(new PendingChart("Dendrogram", dendrogram, "dendrogram",
                "Gower distance on the coded features; the height of a merge is the average distance between its two clusters."));
        Table sil = csv("silhouette.csv");
        Table upgma = sil.where(sil.stringColumn("method").isEqualTo("upgma"));
        out.add(new PendingChart("Silhouette versus k", SilhouetteChart.of(
                "Mean silhouette of the UPGMA clustering for k = 2..10", FaultModelTables.silhouette(upgma)), "silhouette",
                "The chosen k is the one the best silhouette from k = 4 up (fewer clusters cannot hold four types) picks most"
                        + " often on bootstrap resamples: a single maximum flips when a few reports are added."));
        out.add(new PendingChart("Feature prevalence per cluster", PrevalenceHeatMap.of(
                "Share of each cluster's reports with a feature", prevalence()), "prevalence",
                "Clusters are named by their dominant features and mapped to fault types from them; labels only validate."));
        out.add(new PendingChart("Fault-type frequencies", TypeFrequencyChart.of(
                "Fault types: share of reports per source; share of upgrades, learned and original", frequencies(), reference()),
                "type-frequencies",
                "Two bases, labelled: the share of each source's reports (and pooled, sources weighted equally) in each type,"
                        + " and the share of upgrades with a fault of the type, learned (reference three-tier upgrade) beside the"
                        + " original study's 15.2% (type 1) and 16.8% (type 4)."));
        return PendingChart.drawAll(out, dir.resolve("charts"));
    }

    /** Prevalence of the yes/no flags and of each stage, per cluster of the chosen k. */
    private List<PrevalenceHeatMap.Cell> prevalence() {
        Table t = csv("prevalence.csv");
        List<PrevalenceHeatMap.Cell> cells = new ArrayList<>();
        for (int r = 0; r < t.rowCount(); r++) {
            String cluster = t.getString(r, "cluster");
            String feature = t.getString(r, "feature");
            String value = t.getString(r, "value");
            if (cluster.equals("all") || !(value.equals("yes") || feature.equals("stage"))) {
                continue;
            }
            String label = value.equals("yes") ? feature : feature + "=" + value;
            String type = t.getString(r, "fault_type");
            cells.add(new PrevalenceHeatMap.Cell("c" + cluster + (type.isEmpty() ? "" : " (type " + type + ")"), label,
                    Double.parseDouble(t.getString(r, "prevalence"))));
        }
        return cells;
    }

    private Map<String, Map<String, Double>> frequencies() {
        Table t = csv("frequencies.csv");
        Map<String, Map<String, Double>> out = new LinkedHashMap<>();
        for (int r = 0; r < t.rowCount(); r++) {
            if (t.getString(r, "basis").equals("clusters")) {
                out.computeIfAbsent(t.getString(r, "source") + ": reports", k -> new LinkedHashMap<>())
                        .put("type " + t.getString(r, "fault_type"), Double.parseDouble(t.getString(r, "share")));
            }
        }
        return out;
    }

    /** Shares of upgrades: the learned model's and the original study's, which are comparable. */
    private Map<String, Map<String, Double>> reference() {
        Map<String, Double> learned = new LinkedHashMap<>();
        perUpgradeRates().forEach((t, v) -> learned.put("type " + t, v));
        Map<String, Double> original = new LinkedHashMap<>();
        original.put("type 1", ORIGINAL_TYPE1);
        original.put("type 4", ORIGINAL_TYPE4);
        Map<String, Map<String, Double>> out = new LinkedHashMap<>();
        out.put("learned: upgrades", learned);
        out.put("original: upgrades", original);
        return out;
    }

    /** The pooled type shares that drive injection, with their bootstrap 95% intervals when the run has them. */
    private static String pooledShares(Map<String, Double> v) {
        if (!v.containsKey("share.pooled.type1.low")) {
            return "";
        }
        StringBuilder b = new StringBuilder("; pooled type shares (bagged over bootstrap resamples, 95% interval):");
        for (int t = 1; t <= 4; t++) {
            b.append(String.format(Locale.ROOT, " %d: [%.1f%%, %.1f%%]", t, 100 * v.get("share.pooled.type" + t + ".low"),
                    100 * v.get("share.pooled.type" + t + ".high")));
        }
        return b.toString();
    }

    /** Claims of the original study tested on the learned model. */
    public List<Section.Claim> claims() {
        Map<String, Double> v = validation();
        Map<Integer, Double> rates = perUpgradeRates();
        List<Section.Claim> out = new ArrayList<>();
        double ari = v.getOrDefault("ari.labels", Double.NaN);
        long typesFound = csv("clusters.csv").intColumn("fault_type_k4").unique().size();
        // ARI against labels that share a source with the features is partly circular, so the
        // claim also needs the types to hold on reports the model never saw (k-fold held out).
        double heldOut = v.getOrDefault("heldout.model.pooled.accuracy", Double.NaN);
        double minRecall = Double.NaN;
        for (int t = 1; t <= 4; t++) {
            double r = v.getOrDefault("heldout.model.pooled.recall.type" + t, Double.NaN);
            minRecall = Double.isNaN(minRecall) ? r : Math.min(minRecall, r);
        }
        out.add(Claim.of("Upgrade failures fall into four types (Middleware 2009, from 55 faults)", "Dendrogram",
                typesFound == 4 && ari >= 0.5 && heldOut >= 0.85 && minRecall >= 0.5, typesFound == 4,
                String.format(Locale.ROOT, "%d reports; k = 4 clusters map onto %d types; ARI against coders' labels %.2f at k = %d; cophenetic %.2f;"
                                + " held out (%d folds): accuracy %.2f [%.2f, %.2f], lowest per-type recall %.2f (targets 0.85 and 0.5);"
                                + " references on the same folds: type signatures row by row %.2f, supervised tree %.2f",
                        csv("clusters.csv").rowCount(), typesFound, ari, v.getOrDefault("k", Double.NaN).intValue(),
                        v.getOrDefault("cophenetic", Double.NaN), v.getOrDefault("heldout.folds", Double.NaN).intValue(),
                        heldOut, v.getOrDefault("heldout.model.pooled.accuracy.low", Double.NaN),
                        v.getOrDefault("heldout.model.pooled.accuracy.high", Double.NaN), minRecall,
                        v.getOrDefault("heldout.signature.pooled.accuracy", Double.NaN),
                        v.getOrDefault("heldout.tree.pooled.accuracy", Double.NaN))));
        double t1 = rates.getOrDefault(1, Double.NaN);
        double t4 = rates.getOrDefault(4, Double.NaN);
        // The base rate is calibrated so that types 1 and 4 together match the original's 32%; what
        // the data decide is how that splits, so the split is what is tested.
        double original = ORIGINAL_TYPE1 / (ORIGINAL_TYPE1 + ORIGINAL_TYPE4);
        double learned = t1 / (t1 + t4);
        double gap = Math.abs(learned - original);
        out.add(Claim.of("Type 1 occurs in 15.2% and type 4 in 16.8% of upgrades (CMU-PDL-08-115)", "Fault-type frequencies",
                gap <= 0.1, gap <= 0.2,
                String.format(Locale.ROOT, "learned: type 1 in %.1f%%, type 4 in %.1f%% of reference upgrades; types 1 and 4 together"
                        + " are calibrated to the original's 32.0%%, so the test is their split: type 1's share %.2f against the"
                        + " original's %.2f (yes within 0.1)%s", 100 * t1, 100 * t4, learned, original, pooledShares(v))));
        return out;
    }
}
