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
