package imago.experiments.report;

import imago.experiments.stats.Summary;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** One block of a {@link Report}, in the order it appears. */
public sealed interface Section {

    /** A section heading; level 1 is a top-level section (h2 under the report's title). */
    record Heading(int level, String text) implements Section {
        public Heading {
            Objects.requireNonNull(text, "text");
            if (level < 1 || level > 5) {
                throw new IllegalArgumentException("heading level must be 1..5, got " + level);
            }
        }

        public Heading(String text) {
            this(1, text);
        }
    }

    /** Plain text; blank lines separate paragraphs. */
    record Paragraph(String text) implements Section {
        public Paragraph {
            Objects.requireNonNull(text, "text");
        }
    }

    /** A table of text cells; every row has as many cells as the header. */
    record Table(String caption, List<String> header, List<List<String>> rows) implements Section {
        public Table {
            Objects.requireNonNull(caption, "caption");
            header = List.copyOf(header);
            rows = rows.stream().map(List::copyOf).toList();
            for (int i = 0; i < rows.size(); i++) {
                if (rows.get(i).size() != header.size()) {
                    throw new IllegalArgumentException("table '" + caption + "' row " + (i + 1) + " has "
                            + rows.get(i).size() + " cells, the header " + header.size());
                }
            }
        }

        /**
         * Scenarios by metrics: each cell the mean with its 95% confidence interval, e.g.
         * {@code 0.9987 [0.9981, 0.9993]}.
         */
        public static Table ofSummaries(String caption, List<String> metrics,
                                        Map<String, ? extends Map<String, Summary>> byScenario) {
            List<String> header = new ArrayList<>();
            header.add("scenario");
            header.addAll(metrics);
            List<List<String>> rows = new ArrayList<>();
            byScenario.forEach((scenario, byMetric) -> {
                List<String> row = new ArrayList<>();
                row.add(scenario);
                for (String m : metrics) {
                    Summary s = byMetric.get(m);
                    row.add(s == null ? "" : Numbers.withCi(s));
                }
                rows.add(row);
            });
            return new Table(caption, header, rows);
        }
    }

    /** A chart written by {@link ChartFiles}; the HTML report inlines its SVG. */
    record Chart(String title, ChartFiles files, String caption) implements Section {
        public Chart {
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(files, "files");
            Objects.requireNonNull(caption, "caption");
        }

        public Chart(String title, ChartFiles files) {
            this(title, files, "");
        }
    }

    /** Preformatted text, e.g. the experiment's YAML; {@code language} may be empty. */
    record Code(String caption, String language, String text) implements Section {
        public Code {
            Objects.requireNonNull(caption, "caption");
            Objects.requireNonNull(language, "language");
            Objects.requireNonNull(text, "text");
        }
    }

    /** The paper's claims against the evidence. */
    record Claims(String caption, List<Claim> claims) implements Section {
        public Claims {
            Objects.requireNonNull(caption, "caption");
            claims = List.copyOf(claims);
        }
    }

    /** Whether the evidence supports a claim. */
    enum Support {
        YES("yes"), PARTLY("partly"), NO("no");

        private final String label;

        Support(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /**
     * @param claim     what is claimed
     * @param evidence  the figure or table that shows it: the title of a chart or table in the
     *                  report (the HTML links to it) or free text
     * @param supported whether the numbers support it
     * @param numbers   the numbers that decide it
     */
    record Claim(String claim, String evidence, Support supported, String numbers) {
        public Claim {
            Objects.requireNonNull(claim, "claim");
            Objects.requireNonNull(evidence, "evidence");
            Objects.requireNonNull(supported, "supported");
            Objects.requireNonNull(numbers, "numbers");
        }
    }
}
