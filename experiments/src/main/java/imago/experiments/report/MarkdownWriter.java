package imago.experiments.report;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Writes a report as GitHub-flavoured Markdown. */
final class MarkdownWriter {

    private final Report report;
    private final Anchors anchors;
    private final Path dir;
    private final StringBuilder out = new StringBuilder();

    MarkdownWriter(Report report, Anchors anchors, Path dir) {
        this.report = report;
        this.anchors = anchors;
        this.dir = dir.toAbsolutePath().normalize();
    }

    String write() {
        out.append("# ").append(oneLine(report.title())).append("\n\n");
        List<Section> sections = report.sections();
        for (int i = 0; i < sections.size(); i++) {
            switch (sections.get(i)) {
                case Section.Heading h -> out.append("#".repeat(h.level() + 1)).append(' ')
                        .append(oneLine(h.text())).append("\n\n");
                case Section.Paragraph p -> out.append(p.text().strip()).append("\n\n");
                case Section.Table t -> table(caption("Table", anchors.number(i), t.caption()), t.header(), t.rows());
                case Section.Chart c -> chart(c, anchors.number(i));
                case Section.Code c -> code(c);
                case Section.Claims c -> claims(c);
            }
        }
        out.append("## Provenance\n\n");
        provenance(report.provenance());
        return out.toString();
    }

    private void chart(Section.Chart c, int number) {
        String label = "Figure " + number + ". " + oneLine(c.title());
        out.append("![").append(label.replace("]", "\\]")).append("](").append(link(c.files().png())).append(")\n\n");
        out.append('*').append(label).append("*");
        if (!c.caption().isBlank()) {
            out.append(' ').append(oneLine(c.caption()));
        }
        out.append(" ([SVG](").append(link(c.files().svg())).append("), [PDF](")
                .append(link(c.files().pdf())).append("))\n\n");
    }

    private void code(Section.Code c) {
        if (!c.caption().isBlank()) {
            out.append("**").append(oneLine(c.caption())).append("**\n\n");
        }
        // A fence longer than any run of backticks inside, so the text cannot close it.
        int longest = 0;
        int run = 0;
        for (char ch : c.text().toCharArray()) {
            run = ch == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        String fence = "`".repeat(Math.max(3, longest + 1));
        out.append(fence).append(c.language()).append('\n').append(c.text().stripTrailing()).append('\n')
                .append(fence).append("\n\n");
    }

    private void claims(Section.Claims c) {
        List<List<String>> rows = c.claims().stream()
                .map(k -> List.of(k.claim(), k.evidence(), k.supported().label(), k.numbers())).toList();
        table(c.caption().isBlank() ? "" : "**" + oneLine(c.caption()) + "**",
                List.of("Claim", "Evidence", "Supported", "Numbers"), rows);
    }

    private void provenance(Map<String, String> p) {
        if (p.isEmpty()) {
            out.append("Not recorded.\n");
            return;
        }
        table("", List.of("", ""), p.entrySet().stream().map(e -> List.of(e.getKey(), e.getValue())).toList());
    }

    private void table(String caption, List<String> header, List<List<String>> rows) {
        if (!caption.isBlank()) {
            out.append(caption).append("\n\n");
        }
        out.append('|');
        for (String h : header) {
            out.append(' ').append(cell(h)).append(" |");
        }
        out.append("\n|");
        for (int col = 0; col < header.size(); col++) {
            out.append(Cells.numericColumn(rows, col) ? " ---: |" : " --- |");
        }
        out.append('\n');
        for (List<String> r : rows) {
            out.append('|');
            for (String v : r) {
                out.append(' ').append(cell(v)).append(" |");
            }
            out.append('\n');
        }
        out.append('\n');
    }

    private static String caption(String kind, int number, String caption) {
        return "**" + kind + " " + number + ".**" + (caption.isBlank() ? "" : " " + oneLine(caption));
    }

    /** {@code p} relative to the report's folder, as a URL path. */
    private String link(Path p) {
        String rel = dir.relativize(p.toAbsolutePath().normalize()).toString().replace('\\', '/');
        return rel.replace("%", "%25").replace(" ", "%20").replace("(", "%28").replace(")", "%29");
    }

    private static String cell(String s) {
        return s.replace("\\", "\\\\").replace("|", "\\|").replace("\r", "").replace("\n", "<br>");
    }

    private static String oneLine(String s) {
        return s.replaceAll("\\s*\\R\\s*", " ").strip();
    }
}
