package imago.experiments.advise;

import imago.experiments.report.ChartFiles;
import imago.experiments.report.ChartText;
import imago.experiments.report.Numbers;
import imago.experiments.report.ParetoChart;
import imago.experiments.report.Report;
import imago.experiments.report.Section;
import imago.experiments.stats.Summary;
import imago.model.experiment.Arm;
import imago.model.metrics.RunResult;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An advice: the candidates, what the selection made of each, and the recommendation, as the
 * one-line answer, {@code advice.csv}, {@code advice.md}/{@code advice.html} and a Pareto chart.
 *
 * @param requirements the requirements asked for
 * @param objective    the metric minimised among candidates that meet them
 * @param confidence   the confidence of every statement
 * @param arms         the candidates
 * @param outcome      what the selection did
 */
public record Advice(List<Requirement> requirements, String objective, double confidence, List<Arm> arms,
                     Selection.Outcome outcome) {

    /** The metrics reported for every candidate besides the requirements' and the objective. */
    static final List<String> HEADLINE = List.of("availability", "unavailable_s", "upgrade_duration_s", "resource_cost",
            "races_error", "races_silent", "faults_reached_production", "lost_writes");

    public Advice {
        requirements = List.copyOf(requirements);
        arms = List.copyOf(arms);
    }

    /** The metrics shown: the requirements', the objective, then the headline ones. */
    List<String> metrics() {
        Set<String> m = new LinkedHashSet<>();
        requirements.forEach(r -> m.addAll(r.metrics()));
        m.add(objective);
        m.addAll(HEADLINE);
        return List.copyOf(m);
    }

    /** Mean and confidence interval of each shown metric for candidate {@code i} (NaN-valued runs left out). */
    Map<String, Summary> estimates(int i) {
        Map<String, Summary> out = new LinkedHashMap<>();
        List<RunResult> rs = outcome.verdicts().get(i).results();
        for (String m : metrics()) {
            out.put(m, Summary.of(rs.stream().mapToDouble(r -> Requirement.of(m, r)).filter(Double::isFinite).toArray()));
        }
        return out;
    }

    /** The one line the command prints when a candidate is recommended. */
    public String recommendationLine() {
        int i = outcome.selected().orElseThrow();
        StringBuilder b = new StringBuilder("recommended: ").append(arms.get(i).label());
        List<String> parts = new ArrayList<>();
        estimates(i).forEach((m, s) -> {
            if (s.n() > 0 && (m.equals(objective) || requirements.stream().anyMatch(r -> r.metrics().contains(m)))) {
                parts.add(m + " " + interval(s));
            }
        });
        b.append(" (").append(String.join(", ", parts)).append("; ").append(outcome.verdicts().get(i).results().size())
                .append(" replications)");
        return b.toString();
    }

    /**
     * When nothing met the requirements: the candidate and requirement that came closest, measured
     * as the shortfall of the mean relative to the bound's magnitude.
     */
    public String closestMiss() {
        double bestGap = Double.POSITIVE_INFINITY;
        String text = "no candidate ran";
        for (int i = 0; i < arms.size(); i++) {
            List<RunResult> rs = outcome.verdicts().get(i).results();
            if (rs.isEmpty()) {
                continue;
            }
            double worst = 0;
            String worstText = "";
            for (Requirement q : requirements) {
                double mean = Selection.mean(rs.stream().mapToDouble(q::value).filter(Double::isFinite).toArray());
                double gap = q.holds(mean) ? 0 : Math.abs(mean - q.bound()) / Math.max(Math.abs(q.bound()), 1e-9);
                if (!Double.isFinite(mean)) {
                    gap = Double.POSITIVE_INFINITY;
                }
                if (gap >= worst) {
                    worst = gap;
                    worstText = q.text() + " (mean " + Numbers.format(mean) + ")";
                }
            }
            if (worst < bestGap) {
                bestGap = worst;
                text = arms.get(i).label() + " came closest; it misses " + worstText;
            }
        }
        return text;
    }

    /** Writes advice.csv, advice.md, advice.html and the Pareto chart into {@code dir}; returns the report's paths. */
    public Report.Output write(Path dir, Map<String, String> provenance) throws IOException {
        List<Map<String, Summary>> estimates = new ArrayList<>();
        for (int i = 0; i < arms.size(); i++) {
            estimates.add(estimates(i));
        }
        writeCsv(dir.resolve("advice.csv"), estimates);
        List<Section> sections = new ArrayList<>();
        sections.add(new Section.Paragraph(summary()));
        sections.add(new Section.Table("Candidates, their estimates (mean [95% CI]) and their fate", header(), rows(estimates)));
        List<ParetoChart.Point> points = new ArrayList<>();
        for (int i = 0; i < arms.size(); i++) {
            Map<String, Summary> e = estimates.get(i);
            Selection.Status st = outcome.verdicts().get(i).status();
            points.add(new ParetoChart.Point(arms.get(i).label(), e.get("resource_cost").mean(), e.get("availability").mean(),
                    st == Selection.Status.SELECTED || st == Selection.Status.FEASIBLE, st == Selection.Status.SELECTED));
        }
        if (points.stream().anyMatch(p -> Double.isFinite(p.x()) && Double.isFinite(p.y()))) {
            ChartFiles files = ChartFiles.write(ParetoChart.of(new ChartText("Candidates: availability against resource cost",
                    "resource cost (node-seconds / steady state)", "availability"), points, true, true), dir.resolve("charts"), "pareto");
            List<String> front = ParetoChart.front(points, true, true).stream().map(ParetoChart.Point::label).toList();
            sections.add(new Section.Chart("Pareto chart", files, "Pareto front among candidates that met the requirements: "
                    + (front.isEmpty() ? "none" : String.join(", ", front)) + "."));
        }
        return new Report("Imago advice", sections, provenance).write(dir, "advice", true);
    }

    private String summary() {
        String req = String.join(", ", requirements.stream().map(Requirement::text).toList());
        String result = outcome.selected().map(i -> recommendationLine() + ".")
                .orElseGet(() -> "No candidate meets the requirements: " + closestMiss() + ".");
        String guarantee = outcome.guaranteed()
                ? String.format(Locale.ROOT, "The selection stopped before its budget, so it is correct (feasible, and lowest %s or within the"
                + " indifference zone of the lowest) with probability at least %.0f%%.", objective, 100 * confidence)
                : "The selection stopped at its replication budget: the recommendation is the best estimate, without the probability of correct selection.";
        return String.format(Locale.ROOT, "Requirements: %s, each met with %.0f%% confidence; among candidates that meet them, the lowest %s."
                        + " %d candidates, searched by sequential elimination with paired comparisons under common random numbers (%s)."
                        + " %s %s Replications spent: %d; running the whole grid to the same precision would take %d.",
                req, 100 * confidence, objective, arms.size(), outcome.stop(), result, guarantee, outcome.spent(), outcome.fullGrid());
    }

    private List<String> header() {
        List<String> h = new ArrayList<>(List.of("candidate", "fate", "replications"));
        h.addAll(metrics());
        h.add("why");
        return h;
    }

    private List<List<String>> rows(List<Map<String, Summary>> estimates) {
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < arms.size(); i++) {
            Selection.Verdict v = outcome.verdicts().get(i);
            List<String> row = new ArrayList<>(List.of(arms.get(i).label(), fate(v.status()), Integer.toString(v.results().size())));
            estimates.get(i).values().forEach(s -> row.add(s.n() == 0 ? "" : interval(s)));
            row.add(v.reason());
            rows.add(row);
        }
        return rows;
    }

    private void writeCsv(Path file, List<Map<String, Summary>> estimates) throws IOException {
        StringBuilder b = new StringBuilder("candidate,scenario,strategy,fate,replications");
        for (String m : metrics()) {
            b.append(',').append(m).append(',').append(m).append("_ci_low,").append(m).append("_ci_high");
        }
        b.append(",why\n");
        for (int i = 0; i < arms.size(); i++) {
            Selection.Verdict v = outcome.verdicts().get(i);
            Arm a = arms.get(i);
            b.append(csv(a.label())).append(',').append(csv(a.scenario().name())).append(',').append(a.scenario().strategy().kind())
                    .append(',').append(fate(v.status())).append(',').append(v.results().size());
            for (Summary s : estimates.get(i).values()) {
                b.append(',').append(num(s.mean())).append(',').append(num(s.ciLow())).append(',').append(num(s.ciHigh()));
            }
            b.append(',').append(csv(v.reason())).append('\n');
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, b, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static String fate(Selection.Status s) {
        return switch (s) {
            case SELECTED -> "recommended";
            case FEASIBLE -> "kept: meets the requirements";
            case UNDECIDED -> "undecided at the budget";
            case INFEASIBLE -> "dropped: misses a requirement";
            case WORSE -> "dropped: worse than a feasible one";
        };
    }

    private static String interval(Summary s) {
        return Numbers.format(s.mean()) + " [" + Numbers.format(s.ciLow()) + ", " + Numbers.format(s.ciHigh()) + "]";
    }

    private static String num(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.6g", v) : "";
    }

    private static String csv(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    /** The recommended candidate, if any. */
    public Optional<Arm> recommended() {
        return outcome.selected().map(arms::get);
    }
}
