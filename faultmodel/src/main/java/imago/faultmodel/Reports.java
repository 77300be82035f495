package imago.faultmodel;

import imago.faultmodel.classify.ClassifierJson;
import imago.faultmodel.classify.ClusterClassifier;
import imago.faultmodel.classify.Evaluation;
import imago.faultmodel.cluster.Dendrogram;
import imago.faultmodel.data.FailureReport;
import imago.faultmodel.data.Feature;
import imago.faultmodel.data.Source;
import imago.faultmodel.learn.LearnedRates;
import imago.model.fault.FaultModelJson;
import imago.model.fault.FaultType;
import imago.model.plan.StepKind;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The files and the text table a {@link PipelineResult} is written as. */
final class Reports {

    private Reports() {
    }

    static void write(PipelineResult r, Path dir) throws IOException {
        Files.createDirectories(dir);
        writeModel(r.model(), r.classifier(), dir.resolve("fault-model.json"));
        atomically(dir.resolve("clusters.csv"), clusters(r));
        atomically(dir.resolve("validation.csv"), validation(r));
        atomically(dir.resolve("silhouette.csv"), silhouette(r));
        atomically(dir.resolve("dendrogram.csv"), dendrogram(r));
        atomically(dir.resolve("prevalence.csv"), prevalence(r));
        atomically(dir.resolve("frequencies.csv"), frequencies(r));
        atomically(dir.resolve("steps.csv"), steps(r));
        atomically(dir.resolve("summary.txt"), summary(r));
        atomically(dir.resolve("heldout.csv"), heldOut(r.heldOut()));
        if (r.shares().isPresent()) {
            atomically(dir.resolve("shares.csv"), shares(r, r.shares().get()));
        }
    }

    /**
     * {@code fault-model.json} as {@link FaultModelJson} serialises it, minus the {@code "empty"}
     * property that its mapper derives from {@link imago.model.fault.FaultModel#isEmpty()} and that
     * {@link FaultModelJson#read} then rejects as unknown. Once the model ignores that getter the
     * removal is a no-op. The file is read back before it is moved into place.
     */
    private static void writeModel(imago.model.fault.FaultModel model, ClusterClassifier classifier, Path file)
            throws IOException {
        var mapper = com.fasterxml.jackson.databind.json.JsonMapper.builder()
                .enable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT).build();
        var tree = (com.fasterxml.jackson.databind.node.ObjectNode) mapper.readTree(FaultModelJson.toJson(model));
        tree.remove("empty");
        tree.set(ClassifierJson.KEY, ClassifierJson.toNode(classifier));
        String json = mapper.writeValueAsString(tree) + "\n";
        Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), file.getFileName().toString(), ".tmp");
        try {
            Files.writeString(tmp, json, StandardCharsets.UTF_8);
            if (!FaultModelJson.read(tmp).equals(model) || !ClassifierJson.read(tmp).equals(classifier)) {
                throw new IllegalStateException("fault-model.json does not read back as the model written");
            }
            readable(tmp);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** A temporary file in the same folder, then a rename: readers never see half a file. */
    static void atomically(Path file, String text) throws IOException {
        Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), file.getFileName().toString(), ".tmp");
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            readable(tmp);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Temporary files are created owner-only; results are for everyone to read. */
    private static void readable(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: its defaults apply.
        }
    }

    static String clusters(PipelineResult r) {
        StringBuilder b = new StringBuilder("id,source,type_label,cluster,fault_type,cluster_k4,fault_type_k4\n");
        List<FailureReport> rows = r.data().rows();
        for (int i = 0; i < rows.size(); i++) {
            FailureReport row = rows.get(i);
            b.append(csv(row.id())).append(',').append(row.source().code()).append(',').append(row.label().code())
                    .append(',').append(r.main().partition().cluster(i) + 1)
                    .append(',').append(r.main().typeOf(i).number())
                    .append(',').append(r.atFour().partition().cluster(i) + 1)
                    .append(',').append(r.atFour().typeOf(i).number()).append('\n');
        }
        return b.toString();
    }

    /** Each predictor's and scope's {@link Evaluation#csv()} rows, prefixed by {@code predictor,scope}. */
    static String heldOut(HeldOut h) {
        StringBuilder b = new StringBuilder("predictor,scope,metric,type,predicted,hits,total,value,wilson_low,wilson_high\n");
        h.evaluations().forEach((pred, byScope) -> byScope.forEach((scope, e) -> e.csv().lines().skip(1)
                .forEach(l -> b.append(pred).append(',').append(scope).append(',').append(l).append('\n'))));
        return b.toString();
    }

    /** {@code source,fault_type,share,low,high}: the model's share and its bootstrap 95% bounds, per source and pooled. */
    static String shares(PipelineResult r, ShareBootstrap s) {
        StringBuilder b = new StringBuilder("source,fault_type,share,low,high\n");
        Map<String, Map<FaultType, Double>> point = new LinkedHashMap<>();
        r.rates().perSource().forEach((src, m) -> point.put(src.code(), m));
        point.put(ShareBootstrap.POOLED, r.rates().pooled());
        point.forEach((src, m) -> {
            for (FaultType t : FaultType.values()) {
                b.append(src).append(',').append(t.number()).append(',').append(num(m.getOrDefault(t, 0.0)))
                        .append(',').append(num(s.low().get(src).get(t))).append(',')
                        .append(num(s.high().get(src).get(t))).append('\n');
            }
        });
        return b.toString();
    }

    static String validation(PipelineResult r) {
        StringBuilder b = new StringBuilder("key,value\n");
        r.validation().forEach((k, v) -> b.append(k).append(',').append(num(v)).append('\n'));
        return b.toString();
    }

    static String silhouette(PipelineResult r) {
        StringBuilder b = new StringBuilder("method,k,silhouette,chosen\n");
        r.silhouette().forEach((m, curve) -> curve.forEach((k, s) -> b.append(m.code()).append(',').append(k)
                .append(',').append(num(s)).append(',')
                .append(m == r.options().method() && k == r.k() ? "yes" : "no").append('\n')));
        return b.toString();
    }

    static String dendrogram(PipelineResult r) {
        Dendrogram t = r.dendrogram();
        List<FailureReport> rows = r.data().rows();
        int n = t.leaves();
        int[] size = t.sizes();
        StringBuilder b = new StringBuilder("step,left,right,height,size,left_id,left_source,right_id,right_source\n");
        for (int s = 0; s < n - 1; s++) {
            int l = t.left(s);
            int rt = t.right(s);
            b.append(s).append(',').append(l).append(',').append(rt).append(',').append(num(t.height(s)))
                    .append(',').append(size[s])
                    .append(',').append(l < n ? csv(rows.get(l).id()) : "")
                    .append(',').append(l < n ? rows.get(l).source().code() : "")
                    .append(',').append(rt < n ? csv(rows.get(rt).id()) : "")
                    .append(',').append(rt < n ? rows.get(rt).source().code() : "").append('\n');
        }
        return b.toString();
    }

    static String prevalence(PipelineResult r) {
        StringBuilder b = new StringBuilder("k,cluster,fault_type,size,feature,value,prevalence\n");
        List<ClusterResult> results = r.atFour() == r.main() ? List.of(r.main()) : List.of(r.main(), r.atFour());
        for (ClusterResult cr : results) {
            for (Feature f : Feature.values()) {
                for (String v : f.vocabulary()) {
                    b.append(cr.k()).append(",all,,").append(r.data().size()).append(',').append(f.column())
                            .append(',').append(v).append(',').append(num(cr.prevalence().overall(f, v))).append('\n');
                }
            }
            for (ClusterSummary c : cr.clusters()) {
                for (Feature f : Feature.values()) {
                    for (String v : f.vocabulary()) {
                        b.append(cr.k()).append(',').append(c.number()).append(',').append(c.type().number())
                                .append(',').append(c.size()).append(',').append(f.column()).append(',').append(v)
                                .append(',').append(num(cr.prevalence().in(c.number() - 1, f, v))).append('\n');
                    }
                }
            }
        }
        return b.toString();
    }

    static String frequencies(PipelineResult r) {
        LearnedRates rates = r.rates();
        StringBuilder b = new StringBuilder("basis,source,fault_type,share,per_upgrade_rate\n");
        for (var e : rates.perSource().entrySet()) {
            for (FaultType t : FaultType.values()) {
                b.append("clusters,").append(e.getKey().code()).append(',').append(t.number()).append(',')
                        .append(num(e.getValue().get(t))).append(",\n");
            }
        }
        for (FaultType t : FaultType.values()) {
            b.append("clusters,pooled,").append(t.number()).append(',').append(num(rates.pooled().get(t)))
                    .append(',').append(num(rates.perUpgrade().get(t))).append('\n');
        }
        Map<String, Map<FaultType, Double>> labels = labelShares(r);
        labels.forEach((s, m) -> {
            for (FaultType t : FaultType.values()) {
                b.append("labels,").append(s).append(',').append(t.number()).append(',').append(num(m.get(t)))
                        .append(",\n");
            }
        });
        b.append("original-study,original,1,,").append(num(LearnedRates.ORIGINAL_TYPE_1)).append('\n');
        b.append("original-study,original,4,,").append(num(LearnedRates.ORIGINAL_TYPE_4)).append('\n');
        return b.toString();
    }

    /** Per source (and pooled, sources weighing the same): share of the 1-4 labels. */
    static Map<String, Map<FaultType, Double>> labelShares(PipelineResult r) {
        Map<Source, Map<FaultType, Double>> counts = new EnumMap<>(Source.class);
        Map<Source, Integer> totals = new EnumMap<>(Source.class);
        for (FailureReport row : r.data().rows()) {
            Optional<FaultType> t = row.label().faultType();
            if (t.isPresent()) {
                counts.computeIfAbsent(row.source(), s -> zeros()).merge(t.get(), 1.0, Double::sum);
                totals.merge(row.source(), 1, Integer::sum);
            }
        }
        Map<String, Map<FaultType, Double>> out = new LinkedHashMap<>();
        Map<FaultType, Double> pooled = zeros();
        counts.forEach((s, m) -> {
            Map<FaultType, Double> share = zeros();
            m.forEach((t, c) -> share.put(t, c / totals.get(s)));
            share.forEach((t, v) -> pooled.merge(t, v / counts.size(), Double::sum));
            out.put(s.code(), share);
        });
        out.put("pooled", pooled);
        return out;
    }

    static String steps(PipelineResult r) {
        StringBuilder b = new StringBuilder("fault_type,step,share,probability_per_execution,reference_executions\n");
        for (FaultType t : FaultType.values()) {
            Map<StepKind, Double> shares = r.rates().stepShares().getOrDefault(t, Map.of());
            for (StepKind k : StepKind.values()) {
                if (shares.containsKey(k)) {
                    b.append(t.number()).append(',').append(k.configName()).append(',').append(num(shares.get(k)))
                            .append(',').append(num(r.model().probability(k, t))).append(',')
                            .append(r.options().reference().runs(k) ? r.options().reference().executionsOf(k) : 0)
                            .append('\n');
                }
            }
        }
        return b.toString();
    }

    static String summary(PipelineResult r) {
        StringBuilder b = new StringBuilder();
        ClusterResult m = r.main();
        b.append(String.format(Locale.ROOT, "Learned fault model: %s, k = %d (%s), %d reports (%s)%n",
                r.options().method() == Method.UPGMA ? "UPGMA (average linkage, Gower distance)" : "k-modes",
                r.k(), !r.kAuto() ? "given" : r.shares().isPresent()
                        ? "chosen most often by the best silhouette of " + Options.K_AUTO_MIN + ".." + Options.K_MAX
                        + " on " + r.shares().get().resamples() + " bootstrap resamples: " + r.shares().get().kChosen()
                        : "best silhouette of " + Options.K_AUTO_MIN + ".." + Options.K_MAX,
                r.data().size(), sourceCounts(r)));
        b.append(String.format(Locale.ROOT, "%n%-45s %8s %8s %8s %8s %10s %10s%n", "fault type", "bug", "operator",
                "field", "pooled", "upgrades*", "original"));
        for (FaultType t : FaultType.values()) {
            b.append(String.format(Locale.ROOT, "%-45s", t.number() + " " + t.description()));
            for (Source s : Source.values()) {
                Map<FaultType, Double> f = r.rates().perSource().get(s);
                b.append(String.format(Locale.ROOT, " %8s", f == null ? "-" : pct(f.get(t))));
            }
            b.append(String.format(Locale.ROOT, " %8s %10s %10s%n", pct(r.rates().pooled().get(t)),
                    pct(r.rates().perUpgrade().get(t)),
                    t == FaultType.SIMPLE_CONFIG ? pct(LearnedRates.ORIGINAL_TYPE_1)
                            : t == FaultType.DATA_ACCESS ? pct(LearnedRates.ORIGINAL_TYPE_4) : "-"));
        }
        b.append(String.format(Locale.ROOT, "* share of reference upgrades (%s) with at least one fault of the type;%n"
                + "  original = Dumitras & Narasimhan, CMU-PDL-08-115 (55 faults, 4 types).%n",
                r.options().reference().name()));
        r.shares().ifPresent(sh -> {
            b.append("Shares are bagged (each report typed by the bootstrap resamples that drew it); 95% intervals:\n");
            b.append(String.format(Locale.ROOT, "%-45s %15s %15s %15s %15s%n", "", "bug", "operator", "field", "pooled"));
            for (FaultType t : FaultType.values()) {
                b.append(String.format(Locale.ROOT, "%-45s", "  type " + t.number()));
                for (String src : List.of("bug", "operator", "field", ShareBootstrap.POOLED)) {
                    Map<FaultType, Double> lo = sh.low().get(src);
                    b.append(lo == null ? String.format(Locale.ROOT, " %15s", "-") : String.format(Locale.ROOT,
                            " [%5.1f,%5.1f]", 100 * lo.get(t), 100 * sh.high().get(src).get(t)));
                }
                b.append('\n');
            }
        });
        clusterTable(b, m);
        if (r.atFour() != m) {
            clusterTable(b, r.atFour());
        }
        b.append(String.format(Locale.ROOT, "%nvalidation: cophenetic %.3f; ARI vs labels %.3f; type accuracy %.3f;"
                        + " agreement with %s (ARI) %.3f%n", r.cophenetic(), m.ariLabels(), m.typeAccuracy(),
                m.method().other().code(), m.agreement()));
        b.append(String.format(Locale.ROOT, "%nheld out (%d folds; reports labelled 1-4, each predicted by a model that"
                + " never saw it)%n%-11s %-9s %22s %12s %s%n", r.heldOut().folds(), "predictor", "scope", "accuracy [95% CI]",
                "macro recall", "recall type 1 / 2 / 3 / 4"));
        r.heldOut().evaluations().forEach((pred, byScope) -> byScope.forEach((scope, e) -> {
            Evaluation.Proportion a = e.accuracy();
            StringBuilder rec = new StringBuilder();
            for (FaultType t : FaultType.values()) {
                double v = e.recall(t).value();
                rec.append(rec.isEmpty() ? "" : " / ").append(Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.2f", v));
            }
            b.append(String.format(Locale.ROOT, "%-11s %-9s %6.3f [%.3f, %.3f] %12.3f %s%n", pred, scope, a.value(),
                    a.low(), a.high(), e.macroRecall(), rec));
        }));
        return b.toString();
    }

    private static void clusterTable(StringBuilder b, ClusterResult cr) {
        b.append(String.format(Locale.ROOT, "%nclusters at k = %d (silhouette %.3f, ARI vs labels %.3f)%n", cr.k(),
                cr.silhouette(), cr.ariLabels()));
        b.append(String.format(Locale.ROOT, "%3s %6s %5s %7s %9s %9s  %s%n", "#", "size", "type", "purity",
                "stability", "majority", "dominant features"));
        for (ClusterSummary c : cr.clusters()) {
            b.append(String.format(Locale.ROOT, "%3d %6d %5d %7s %9s %9s  %s%n", c.number(), c.size(),
                    c.type().number(), Double.isNaN(c.purity()) ? "-" : String.format(Locale.ROOT, "%.2f", c.purity()),
                    c.stability().isPresent() ? String.format(Locale.ROOT, "%.2f", c.stability().getAsDouble()) : "-",
                    c.majorityLabel() + " " + pct(c.majorityShare()), c.name()));
        }
    }

    private static String sourceCounts(PipelineResult r) {
        List<String> parts = new ArrayList<>();
        r.data().countBySource().forEach((s, c) -> parts.add(s.code() + " " + c));
        return String.join(", ", parts);
    }

    private static Map<FaultType, Double> zeros() {
        Map<FaultType, Double> m = new EnumMap<>(FaultType.class);
        for (FaultType t : FaultType.values()) {
            m.put(t, 0.0);
        }
        return m;
    }

    private static String pct(double v) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * v);
    }

    /** Integers as such, other numbers with 6 decimals, NaN as an empty cell. */
    static String num(double v) {
        if (Double.isNaN(v)) {
            return "";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%.6f", v);
    }

    static String csv(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n")
                ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
