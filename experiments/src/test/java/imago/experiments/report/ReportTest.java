package imago.experiments.report;

import imago.experiments.stats.Summary;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ReportTest {

    @TempDir
    Path dir;

    private ChartFiles races;
    private ChartFiles downtime;

    @BeforeEach
    void charts() throws Exception {
        races = ChartFiles.write(ChartFilesTest.sample("Races vs batch size"), dir.resolve("charts"), "races");
        downtime = ChartFiles.write(ChartFilesTest.sample("Downtime vs data size"), dir.resolve("charts"), "downtime");
    }

    private Report report() {
        Map<String, Map<String, Summary>> table = new LinkedHashMap<>();
        table.put("in-place", Map.of("availability", Summary.of(new double[] {0.98, 0.99, 0.97}),
                "lost_writes", Summary.of(new double[] {0, 0, 0})));
        table.put("imago | parallel", Map.of("availability", Summary.of(new double[] {0.9999})));
        Map<String, String> provenance = new LinkedHashMap<>();
        provenance.put("version", "0.1.0-SNAPSHOT");
        provenance.put("commit", "0123abcd");
        provenance.put("config hash", "sha256:feedbeef");
        provenance.put("seed", "42");
        provenance.put("JVM", "25.0.3 Temurin");
        provenance.put("machine", "2 cores, linux");
        provenance.put("wall time", "12.5 s");
        return new Report("Upgrade study <pilot>", List.of(
                new Section.Heading("Results"),
                new Section.Paragraph("Imago keeps serving & never\nmixes versions.\n\nA second paragraph."),
                Section.Table.ofSummaries("Headline metrics", List.of("availability", "lost_writes"), table),
                new Section.Chart("Races vs batch size", races, "Rolling races fall with the batch size."),
                new Section.Heading(2, "Downtime"),
                new Section.Chart("Downtime vs data size", downtime),
                new Section.Heading("Claims"),
                new Section.Claims("Claims of the paper", List.of(
                        new Section.Claim("Rolling upgrades race", "Races vs batch size", Section.Support.YES, "45 vs 0"),
                        new Section.Claim("No planned downtime", "Table 9", Section.Support.PARTLY, "0.1 s"))),
                new Section.Heading("Configuration"),
                new Section.Code("experiment.yaml", "yaml", "name: pilot\nseed: 42\nnote: \"<b>&\"\n")),
                provenance);
    }

    @Test
    void markdownReferencesThePngsRelativelyAndHoldsTheNumbers() throws Exception {
        Report.Output out = report().write(dir);
        String md = Files.readString(out.markdown());
        assertThat(md).startsWith("# Upgrade study <pilot>\n")
                .contains("## Results", "### Downtime")
                .contains("![Figure 1. Races vs batch size](charts/races.png)")
                .contains("![Figure 2. Downtime vs data size](charts/downtime.png)")
                .contains("[SVG](charts/races.svg)", "[PDF](charts/races.pdf)")
                .contains("**Table 1.** Headline metrics")
                .contains("| scenario | availability | lost_writes |", "| --- | ---: | ---: |")
                .contains("| imago \\| parallel | 0.9999 |  |")
                .contains(Numbers.withCi(Summary.of(new double[] {0.98, 0.99, 0.97})))
                .contains("| Rolling upgrades race | Races vs batch size | yes | 45 vs 0 |")
                .contains("```yaml\nname: pilot\n")
                .contains("## Provenance", "| commit | 0123abcd |", "| wall time | 12.5 s |");
        // Every referenced file exists, relative to the report.
        Matcher m = Pattern.compile("\\]\\(([^)]+)\\)").matcher(md);
        int links = 0;
        while (m.find()) {
            assertThat(dir.resolve(m.group(1))).exists();
            links++;
        }
        assertThat(links).isEqualTo(6);
    }

    @Test
    void htmlCanShowTheChartFilesInsteadOfASecondCopy() throws Exception {
        Report.Output out = report().write(dir, false);
        String html = Files.readString(out.html());
        assertThat(html).doesNotContain("<svg");
        Matcher img = Pattern.compile("<img class=\"chart\" src=\"([^\"]+)\" alt=\"([^\"]+)\">").matcher(html);
        List<String> shown = new ArrayList<>();
        while (img.find()) {
            assertThat(dir.resolve(img.group(1))).as(img.group(1)).isRegularFile().hasExtension("svg");
            shown.add(img.group(2));
        }
        assertThat(shown).containsExactly("Races vs batch size", "Downtime vs data size");
    }

    @Test
    void htmlIsSelfContainedWithInlineSvgsTablesAndProvenance() throws Exception {
        Report.Output out = report().write(dir);
        String html = Files.readString(out.html());

        assertThat(html).startsWith("<!DOCTYPE html>").contains("<style>").doesNotContain("<script", "<link", "<img");
        Matcher refs = Pattern.compile("\\b(?:src|href)\\s*=\\s*\"([^\"]*)\"").matcher(html);
        while (refs.find()) {
            assertThat(refs.group(1)).as("outside reference").matches("#.+|data:.*");
        }
        assertThat(html).doesNotContainPattern("url\\((?!#)");

        // The two charts inline, their ids kept apart, their titles readable.
        assertThat(count(html, "<svg")).isEqualTo(2);
        assertThat(html).contains("<title>Races vs batch size</title>", "<title>Downtime vs data size</title>");
        assertThat(html).doesNotContain("<?xml", "<!DOCTYPE svg");
        List<String> ids = new ArrayList<>();
        Matcher id = Pattern.compile("\\bid=\"([^\"]+)\"").matcher(html);
        while (id.find()) {
            ids.add(id.group(1));
        }
        assertThat(ids).doesNotHaveDuplicates().contains("figure-1", "figure-2", "table-1", "results", "provenance");
        Matcher clip = Pattern.compile("url\\(#([^)]+)\\)").matcher(html);
        while (clip.find()) {
            assertThat(ids).contains(clip.group(1));
        }

        // Tables, text and code escaped; numbers present; claims linked to their figure.
        assertThat(html).contains("<title>Upgrade study &lt;pilot&gt;</title>")
                .contains("<p>Imago keeps serving &amp; never\nmixes versions.</p>", "<p>A second paragraph.</p>")
                .contains("<caption>Table 1. Headline metrics</caption>")
                .contains("<td>imago | parallel</td><td class=\"num\">0.9999</td>")
                .contains(Numbers.withCi(Summary.of(new double[] {0.98, 0.99, 0.97})))
                .contains("<a href=\"#figure-1\">Races vs batch size</a>")
                .contains("<td>Table 9</td>")
                .contains("<span class=\"badge partly\">partly</span>")
                .contains("<pre><code class=\"language-yaml\">name: pilot\nseed: 42\nnote: &quot;&lt;b&gt;&amp;&quot;</code></pre>")
                .contains("<h2 id=\"provenance\">Provenance</h2>")
                .contains("<th scope=\"row\">config hash</th><td>sha256:feedbeef</td>")
                .contains("<th scope=\"row\">JVM</th><td>25.0.3 Temurin</td>")
                .contains("<figcaption><b>Figure 1.</b> Races vs batch size. Rolling races fall with the batch size.</figcaption>")
                .contains("<a href=\"#results\">Results</a>");

        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("charts", "report.md", "report.html");
        }
    }

    @Test
    void inlineSvgParsesAsXmlInsideTheHtml() throws Exception {
        String svg = InlineSvg.read(races.svg(), "f1-");
        var doc = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new java.io.ByteArrayInputStream(svg.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        var root = doc.getDocumentElement();
        assertThat(root.getTagName()).isEqualTo("svg");
        assertThat(root.getAttribute("viewBox")).isNotEmpty();
        assertThat(root.hasAttribute("width")).isFalse();
    }

    @Test
    void reportWithoutProvenanceSaysSo() throws Exception {
        Report r = new Report("Empty", List.of(new Section.Paragraph("Nothing ran.")), Map.of());
        assertThat(r.html()).contains("<p>Not recorded.</p>");
        assertThat(r.markdown(dir)).contains("## Provenance\n\nNot recorded.");
    }

    @Test
    void sectionsCheckTheirShape() {
        assertThatThrownBy(() -> new Section.Table("t", List.of("a", "b"), List.of(List.of("1"))))
                .hasMessageContaining("row 1");
        assertThatThrownBy(() -> new Section.Heading(0, "x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void codeFencesOutgrowBackticksInTheText() {
        Report r = new Report("T", List.of(new Section.Code("", "", "a ``` b")), Map.of());
        assertThat(r.markdown(dir)).contains("````\na ``` b\n````");
    }

    @Test
    void numbersUseFourSignificantDigits() {
        assertThat(Numbers.format(0.99987654)).isEqualTo("0.9999");
        assertThat(Numbers.format(1234.5678)).isEqualTo("1235");
        assertThat(Numbers.format(12.0)).isEqualTo("12");
        assertThat(Numbers.format(0)).isEqualTo("0");
        assertThat(Numbers.format(Double.NaN)).isEqualTo("n/a");
        assertThat(Numbers.format(2.5e7)).isEqualTo("2.500e+07");
        assertThat(Numbers.withCi(Summary.of(new double[] {5}))).isEqualTo("5");
    }

    private static int count(String s, String part) {
        int n = 0;
        for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
