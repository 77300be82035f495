package imago.experiments.report;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import static imago.experiments.report.Html.escape;

/** Writes a report as one self-contained HTML page: no scripts, no fonts, no outside files. */
final class HtmlWriter {

    private static final String CSS = """
            :root { --fg: #1a1a1a; --muted: #555; --rule: #d0d0d0; --zebra: #f6f6f6; --accent: #0072b2; }
            * { box-sizing: border-box; }
            body { margin: 0; color: var(--fg); background: #fff;
                   font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
            main { max-width: 1000px; margin: 0 auto; padding: 2rem 1.25rem 4rem; }
            h1 { font-size: 1.9rem; margin: 0 0 1rem; }
            h2 { font-size: 1.4rem; margin: 2.2rem 0 .8rem; padding-bottom: .2rem; border-bottom: 1px solid var(--rule); }
            h3, h4, h5, h6 { margin: 1.6rem 0 .6rem; }
            a { color: var(--accent); }
            nav.toc { background: var(--zebra); border: 1px solid var(--rule); border-radius: 6px; padding: .6rem 1.2rem; }
            nav.toc h2 { border: 0; font-size: 1rem; margin: .2rem 0; }
            nav.toc ol { margin: .2rem 0; padding-left: 1.4rem; }
            table { border-collapse: collapse; margin: .6rem 0 1.4rem; font-size: .92rem; width: auto; max-width: 100%; }
            .table-wrap { overflow-x: auto; }
            caption { caption-side: top; text-align: left; font-weight: 600; padding: .3rem 0; }
            th, td { border: 1px solid var(--rule); padding: .3rem .6rem; vertical-align: top; }
            th { background: #eef2f6; text-align: left; }
            tbody tr:nth-child(even) { background: var(--zebra); }
            td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
            figure { margin: 1.2rem 0 1.8rem; }
            figure .chart { display: block; width: 100%; height: auto; max-width: 900px; border: 1px solid var(--rule); }
            figcaption { color: var(--muted); font-size: .92rem; margin-top: .4rem; }
            pre { background: #f4f4f4; border: 1px solid var(--rule); border-radius: 4px; padding: .8rem 1rem;
                  overflow-x: auto; font-size: .85rem; line-height: 1.4; }
            code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; }
            .badge { display: inline-block; min-width: 3.6em; text-align: center; border-radius: 3px;
                     padding: 0 .4em; font-weight: 600; font-size: .85rem; }
            .badge.yes { background: #d8f0e6; color: #00563d; }
            .badge.partly { background: #fbecc8; color: #6b4a00; }
            .badge.no { background: #f8d9cc; color: #7a2a00; }
            table.provenance th { white-space: nowrap; }
            table.provenance td { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: .85rem; word-break: break-all; }
            @media print { nav.toc { display: none; } figure { break-inside: avoid; } }
            """;

    private final Report report;
    private final Anchors anchors;
    private final StringBuilder out = new StringBuilder();

    /** Where report.html goes when it links its charts instead of inlining them; null: inline. */
    private final java.nio.file.Path linkedFrom;

    HtmlWriter(Report report, Anchors anchors) {
        this(report, anchors, null);
    }

    HtmlWriter(Report report, Anchors anchors, java.nio.file.Path linkedFrom) {
        this.linkedFrom = linkedFrom;
        this.report = report;
        this.anchors = anchors;
    }

    String write() throws IOException {
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(escape(report.title())).append("</title>\n")
                .append("<style>\n").append(CSS).append("</style>\n</head>\n<body>\n<main>\n")
                .append("<h1>").append(escape(report.title())).append("</h1>\n");
        contents();
        List<Section> sections = report.sections();
        for (int i = 0; i < sections.size(); i++) {
            String id = anchors.id(i).map(a -> " id=\"" + a + "\"").orElse("");
            switch (sections.get(i)) {
                case Section.Heading h -> {
                    int level = h.level() + 1;
                    out.append("<h").append(level).append(id).append('>').append(escape(h.text()))
                            .append("</h").append(level).append(">\n");
                }
                case Section.Paragraph p -> paragraphs(p.text());
                case Section.Table t -> table(id, "Table " + anchors.number(i) + ".", t.caption(), t.header(),
                        t.rows());
                case Section.Chart c -> chart(id, c, anchors.number(i));
                case Section.Code c -> code(c);
                case Section.Claims c -> claims(id, c);
            }
        }
        provenance(report.provenance());
        out.append("</main>\n</body>\n</html>\n");
        return out.toString();
    }

    /** A table of contents of the top-level headings, when there are a few. */
    private void contents() {
        List<Section> sections = report.sections();
        StringBuilder items = new StringBuilder();
        int count = 0;
        for (int i = 0; i < sections.size(); i++) {
            if (sections.get(i) instanceof Section.Heading h && h.level() == 1) {
                items.append("<li><a href=\"#").append(anchors.id(i).orElseThrow()).append("\">")
                        .append(escape(h.text())).append("</a></li>\n");
                count++;
            }
        }
        if (count >= 2) {
            out.append("<nav class=\"toc\" id=\"contents\">\n<h2>Contents</h2>\n<ol>\n").append(items)
                    .append("<li><a href=\"#provenance\">Provenance</a></li>\n</ol>\n</nav>\n");
        }
    }

    private void paragraphs(String text) {
        for (String p : text.strip().split("\\R\\s*\\R")) {
            if (!p.isBlank()) {
                out.append("<p>").append(escape(p.strip())).append("</p>\n");
            }
        }
    }

    private void chart(String id, Section.Chart c, int number) throws IOException {
        out.append("<figure").append(id).append(">\n");
        if (linkedFrom == null) {
            out.append(InlineSvg.read(c.files().svg(), "f" + number + "-"));
        } else {
            String src = linkedFrom.toAbsolutePath().relativize(c.files().svg().toAbsolutePath()).toString().replace('\\', '/');
            out.append("<img class=\"chart\" src=\"").append(escape(src)).append("\" alt=\"").append(escape(c.title())).append("\">");
        }
        out.append('\n')
                .append("<figcaption><b>Figure ").append(number).append(".</b> ").append(escape(c.title()));
        if (!c.caption().isBlank()) {
            out.append(". ").append(escape(c.caption()));
        }
        out.append("</figcaption>\n</figure>\n");
    }

    private void code(Section.Code c) {
        out.append("<figure class=\"code\">\n");
        if (!c.caption().isBlank()) {
            out.append("<figcaption><b>").append(escape(c.caption())).append("</b></figcaption>\n");
        }
        String cls = c.language().isBlank() ? "" : " class=\"language-" + escape(c.language()) + "\"";
        out.append("<pre><code").append(cls).append('>').append(escape(c.text().stripTrailing()))
                .append("</code></pre>\n</figure>\n");
    }

    private void claims(String id, Section.Claims c) {
        out.append("<div class=\"table-wrap\"><table class=\"claims\"").append(id).append(">\n");
        if (!c.caption().isBlank()) {
            out.append("<caption>").append(escape(c.caption())).append("</caption>\n");
        }
        out.append("<thead><tr><th>Claim</th><th>Evidence</th><th>Supported</th><th>Numbers</th></tr></thead>\n<tbody>\n");
        for (Section.Claim k : c.claims()) {
            String evidence = anchors.target(k.evidence())
                    .map(a -> "<a href=\"#" + a + "\">" + escape(k.evidence()) + "</a>")
                    .orElse(escape(k.evidence()));
            out.append("<tr><td>").append(escape(k.claim())).append("</td><td>").append(evidence)
                    .append("</td><td><span class=\"badge ").append(k.supported().label()).append("\">")
                    .append(k.supported().label()).append("</span></td><td>").append(escape(k.numbers()))
                    .append("</td></tr>\n");
        }
        out.append("</tbody>\n</table></div>\n");
    }

    private void provenance(Map<String, String> p) {
        out.append("<h2 id=\"provenance\">Provenance</h2>\n");
        if (p.isEmpty()) {
            out.append("<p>Not recorded.</p>\n");
            return;
        }
        out.append("<table class=\"provenance\">\n<tbody>\n");
        p.forEach((k, v) -> out.append("<tr><th scope=\"row\">").append(escape(k)).append("</th><td>")
                .append(escape(v)).append("</td></tr>\n"));
        out.append("</tbody>\n</table>\n");
    }

    private void table(String id, String label, String caption, List<String> header, List<List<String>> rows) {
        boolean[] numeric = new boolean[header.size()];
        for (int col = 0; col < header.size(); col++) {
            numeric[col] = Cells.numericColumn(rows, col);
        }
        out.append("<div class=\"table-wrap\"><table").append(id).append(">\n")
                .append("<caption>").append(escape(label));
        if (!caption.isBlank()) {
            out.append(' ').append(escape(caption));
        }
        out.append("</caption>\n<thead><tr>");
        for (int col = 0; col < header.size(); col++) {
            out.append(numeric[col] ? "<th class=\"num\">" : "<th>").append(escape(header.get(col))).append("</th>");
        }
        out.append("</tr></thead>\n<tbody>\n");
        for (List<String> r : rows) {
            out.append("<tr>");
            for (int col = 0; col < r.size(); col++) {
                out.append(numeric[col] ? "<td class=\"num\">" : "<td>").append(escape(r.get(col))).append("</td>");
            }
            out.append("</tr>\n");
        }
        out.append("</tbody>\n</table></div>\n");
    }
}
