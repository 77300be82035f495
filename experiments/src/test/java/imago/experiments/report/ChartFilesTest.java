package imago.experiments.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.w3c.dom.Document;

import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChartFilesTest {

    @TempDir
    Path dir;

    static XYChart sample(String title) {
        return CiLineChart.of(new ChartText(title, "x (s)", "y (s)"),
                List.of(CiSeries.of("a", Map.of(1, imago.experiments.stats.Summary.of(new double[] {1, 2, 3}),
                        2, imago.experiments.stats.Summary.of(new double[] {2, 3, 4})))));
    }

    @Test
    void pathsBecomeRelativeOnATenthPixelGridWithoutDrift() {
        assertThat(ChartFiles.relative("M9.07,-2.26 L4.07,-2.26 L3.29,-0 Z M1,1 Q2,2 3,3"))
                .isEqualTo("m9.1-2.3 -5 0 -.8 2.3zm-8.1 3.3q1 1 2 2");
        // Rounded positions, not rounded steps: 100 steps of 0.04 end at 4, not at 0.
        StringBuilder d = new StringBuilder("M0,0");
        for (int k = 1; k <= 100; k++) {
            d.append(" L").append(k * 0.04).append(",0");
        }
        String r = ChartFiles.relative(d.toString());
        double sum = java.util.Arrays.stream(r.substring(1).replace("-", " -").trim().split("\\s+"))
                .mapToDouble(Double::parseDouble).sum();
        assertThat(sum).isCloseTo(4.0, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(ChartFiles.relative("M1,1 A2,2 0 0 1 3,3")).as("unknown command: kept").isEqualTo("M1,1 A2,2 0 0 1 3,3");
    }

    @Test
    void joinsSegmentsOfOneStyleIntoOnePath() {
        String a = "style=\"fill:none;stroke:rgb(1,2,3);\"";
        String svg = "<svg><g>\n<line " + a + " x1=\"1\" x2=\"2\" y1=\"5\" y2=\"6\"/>\n"
                + "<line " + a + " x1=\"2\" x2=\"3\" y1=\"6\" y2=\"4\"/>\n"
                + "<line " + a + " x1=\"9\" x2=\"8\" y1=\"9\" y2=\"8\"/>\n"
                + "<line style=\"stroke:red;\" x1=\"0\" x2=\"1\" y1=\"0\" y2=\"1\"/>\n"
                + "<rect x=\"0\"/><line " + a + " x1=\"3\" x2=\"4\" y1=\"4\" y2=\"4\"/></g></svg>";
        String joined = new String(ChartFiles.joinLines(svg.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                java.nio.charset.StandardCharsets.UTF_8);
        // A chain stays one polyline; a gap starts a subpath; another style, or anything between, starts a new path.
        assertThat(joined).isEqualTo("<svg><g>\n<path " + a + " d=\"M1,5 L2,6 L3,4 M9,9 L8,8\"/>\n"
                + "<path style=\"fill:none;stroke:red;\" d=\"M0,0 L1,1\"/>\n"
                + "<rect x=\"0\"/><path " + a + " d=\"M3,4 L4,4\"/></g></svg>");
    }

    @Test
    void writesPngSvgAndPdfOfTheChartsSize() throws Exception {
        XYChart chart = sample("Races & <friends>");
        ChartFiles f = ChartFiles.write(chart, dir.resolve("charts"), "races");

        assertThat(f.png()).isEqualTo(dir.resolve("charts/races.png"));
        BufferedImage img = ImageIO.read(f.png().toFile());
        assertThat(img).isNotNull();
        assertThat(img.getWidth()).isEqualTo(chart.getWidth());
        assertThat(img.getHeight()).isEqualTo(chart.getHeight());

        Document svg = parseSvg(f.svg());
        assertThat(svg.getDocumentElement().getTagName()).isEqualTo("svg");
        assertThat(svg.getElementsByTagName("title").item(0).getTextContent()).isEqualTo("Races & <friends>");
        assertThat(svg.getElementsByTagName("path").getLength()).isPositive();
        assertThat(Files.readString(f.svg())).doesNotContainPattern("\\b(d|x1|y1)=\"[^\"]*\\d\\.\\d{3}");

        byte[] pdf = Files.readAllBytes(f.pdf());
        assertThat(new String(pdf, 0, 5, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        assertThat(new String(pdf, java.nio.charset.StandardCharsets.ISO_8859_1).stripTrailing()).endsWith("%%EOF");
    }

    @Test
    void leavesNoTemporaryFilesAndReplacesOldOnes() throws Exception {
        ChartFiles.write(sample("first"), dir, "c");
        ChartFiles f = ChartFiles.write(sample("second"), dir, "c");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("c.png", "c.svg", "c.pdf");
        }
        assertThat(Files.readString(f.svg())).contains("<title>second</title>");
        if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
            assertThat(Files.getPosixFilePermissions(f.png())).contains(PosixFilePermission.OTHERS_READ);
        }
    }

    @Test
    void rejectsBaseNamesThatAreNotPlainFileNames() {
        for (String bad : List.of("", "../x", "a/b", ".hidden", "a b")) {
            assertThatThrownBy(() -> ChartFiles.write(sample("t"), dir, bad))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    /** Parses an SVG without fetching its DTD from the web. */
    static Document parseSvg(Path svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return f.newDocumentBuilder().parse(svg.toFile());
    }
}
