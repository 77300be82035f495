package imago.experiments.report;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One chart on disk in three formats: PNG for Markdown and slides, SVG for the HTML report (and
 * the web), PDF for LaTeX papers.
 */
public record ChartFiles(Path png, Path svg, Path pdf) {

    private static final Pattern BASE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Pattern COORDINATES =
            Pattern.compile("\\b(d|x|y|x1|x2|y1|y2|width|height|points)=\"([^\"]*)\"");
    private static final Pattern LONG_DECIMAL = Pattern.compile("(\\d\\.\\d{2})\\d+");

    public ChartFiles {
        Objects.requireNonNull(png, "png");
        Objects.requireNonNull(svg, "svg");
        Objects.requireNonNull(pdf, "pdf");
    }

    /** The three files as {@code dir/baseName.png|svg|pdf}, written or not. */
    public static ChartFiles in(Path dir, String baseName) {
        if (!BASE_NAME.matcher(baseName).matches()) {
            throw new IllegalArgumentException("chart file name must be letters, digits, '.', '_' or '-': " + baseName);
        }
        return new ChartFiles(dir.resolve(baseName + ".png"), dir.resolve(baseName + ".svg"),
                dir.resolve(baseName + ".pdf"));
    }

    /**
     * Writes {@code chart} as {@code dir/baseName.png}, {@code .svg} and {@code .pdf}, creating
     * {@code dir}. All three are rendered before any is written, and each is written to a
     * temporary file and renamed into place, so a reader never sees half a file.
     */
    public static ChartFiles write(Chart<?, ?> chart, Path dir, String baseName) throws IOException {
        Headless.ensure();
        ChartFiles files = in(dir, baseName);
        byte[] png = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        byte[] svg = withTitle(compactCoordinates(vector(chart, VectorGraphicsEncoder.VectorGraphicsFormat.SVG)),
                chart.getTitle());
        byte[] pdf = vector(chart, VectorGraphicsEncoder.VectorGraphicsFormat.PDF);
        Files.createDirectories(dir);
        AtomicFiles.write(List.of(
                new AtomicFiles.Content(files.png, png),
                new AtomicFiles.Content(files.svg, svg),
                new AtomicFiles.Content(files.pdf, pdf)));
        return files;
    }

    private static byte[] vector(Chart<?, ?> chart, VectorGraphicsEncoder.VectorGraphicsFormat format)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        VectorGraphicsEncoder.saveVectorGraphic(chart, out, format);
        return out.toByteArray();
    }

    /**
     * Cuts coordinates to two decimals (a hundredth of a pixel): XChart draws every glyph as a
     * path, and the long decimals of VectorGraphics2D make a third of the file.
     */
    static byte[] compactCoordinates(byte[] svg) {
        String s = new String(svg, StandardCharsets.UTF_8);
        String out = COORDINATES.matcher(s).replaceAll(m -> Matcher.quoteReplacement(
                m.group(1) + "=\"" + LONG_DECIMAL.matcher(m.group(2)).replaceAll("$1") + "\""));
        return out.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * XChart draws text as outlines, so the SVG holds no words; a {@code <title>} gives it its name
     * back for screen readers, search and tests.
     */
    static byte[] withTitle(byte[] svg, String title) {
        String s = new String(svg, StandardCharsets.UTF_8);
        int open = s.indexOf("<svg");
        int end = open < 0 ? -1 : s.indexOf('>', open);
        if (end < 0 || title.isBlank()) {
            return svg;
        }
        String out = s.substring(0, end + 1) + "<title>" + Html.escape(title) + "</title>" + s.substring(end + 1);
        return out.getBytes(StandardCharsets.UTF_8);
    }
}
