package imago.experiments.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The report of one experiment: {@code report.md}, which shows the charts' PNGs by relative
 * path, and a self-contained {@code report.html} (inline CSS, charts as inline SVG, no outside
 * files), ending with a provenance section.
 *
 * @param title      the report's title
 * @param sections   its content, in order
 * @param provenance what produced it, in display order: version, commit, config hash, seed,
 *                   JVM, machine, wall time, ...
 */
public record Report(String title, List<Section> sections, Map<String, String> provenance) {

    /** The files a report was written to. */
    public record Output(Path markdown, Path html) {
    }

    public Report {
        Objects.requireNonNull(title, "title");
        sections = List.copyOf(sections);
        provenance = Collections.unmodifiableMap(new LinkedHashMap<>(provenance));
    }

    /**
     * Writes {@code dir/report.md} and {@code dir/report.html}, each atomically. The charts'
     * SVG files must exist: the HTML inlines them.
     */
    public Output write(Path dir) throws IOException {
        return write(dir, true);
    }

    /**
     * As {@link #write(Path)}; with {@code inlineCharts} false, report.html shows the charts' SVG
     * files by relative path instead of holding a second copy of each (a reproduction's
     * experiment folders, whose charts the self-contained top-level report also inlines).
     */
    public Output write(Path dir, boolean inlineCharts) throws IOException {
        return write(dir, "report", inlineCharts);
    }

    /** As {@link #write(Path, boolean)}, into {@code <name>.md} and {@code <name>.html}. */
    public Output write(Path dir, String name, boolean inlineCharts) throws IOException {
        Output out = new Output(dir.resolve(name + ".md"), dir.resolve(name + ".html"));
        String md = markdown(dir);
        String html = inlineCharts ? html() : new HtmlWriter(this, new Anchors(sections), dir).write();
        AtomicFiles.write(List.of(
                new AtomicFiles.Content(out.markdown(), md.getBytes(StandardCharsets.UTF_8)),
                new AtomicFiles.Content(out.html(), html.getBytes(StandardCharsets.UTF_8))));
        return out;
    }

    /** The Markdown text, with chart links relative to {@code dir}, where report.md goes. */
    public String markdown(Path dir) {
        return new MarkdownWriter(this, new Anchors(sections), dir).write();
    }

    /** The self-contained HTML text. */
    public String html() throws IOException {
        return new HtmlWriter(this, new Anchors(sections)).write();
    }
}
