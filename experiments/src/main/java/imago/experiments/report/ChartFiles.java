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
            Pattern.compile("\\b(x|y|x1|x2|y1|y2|width|height|points)=\"([^\"]*)\"");
    private static final Pattern LINE =
            Pattern.compile("<line style=\"([^\"]*)\" x1=\"([^\"]*)\" x2=\"([^\"]*)\" y1=\"([^\"]*)\" y2=\"([^\"]*)\"/>");
    private static final Pattern PATH_DATA = Pattern.compile(" d=\"([^\"]*)\"");
    private static final Pattern PATH_TOKEN = Pattern.compile("[A-Za-z]|-?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][-+]?\\d+)?");
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
        byte[] svg = withTitle(compactPaths(joinLines(compactCoordinates(vector(chart, VectorGraphicsEncoder.VectorGraphicsFormat.SVG)))),
                chart.getTitle());
        byte[] pdf = vector(chart, VectorGraphicsEncoder.VectorGraphicsFormat.PDF);
        Files.createDirectories(dir);
        AtomicFiles.write(List.of(
                new AtomicFiles.Content(files.png, png),
                new AtomicFiles.Content(files.svg, svg),
                new AtomicFiles.Content(files.pdf, pdf)));
        return files;
    }

    /** A chart and the base name of its files. */
    public record Named(Chart<?, ?> chart, String baseName) {
    }

    /**
     * Writes several charts into {@code dir} at once, one (virtual) thread each, as
     * {@link #write} would one by one: each chart's files depend on that chart alone, so the
     * bytes are the same whatever the order. Returns the files in the order given.
     */
    public static List<ChartFiles> writeAll(List<Named> charts, Path dir) throws IOException {
        Headless.ensure();
        try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            List<java.util.concurrent.Future<ChartFiles>> futures = charts.stream()
                    .map(c -> pool.submit(() -> write(c.chart(), dir, c.baseName()))).toList();
            List<ChartFiles> out = new java.util.ArrayList<>();
            for (var f : futures) {
                try {
                    out.add(f.get());
                } catch (java.util.concurrent.ExecutionException e) {
                    if (e.getCause() instanceof IOException io) {
                        throw io;
                    }
                    throw new IllegalStateException("drawing a chart failed", e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException("interrupted while drawing charts");
                }
            }
            return out;
        }
    }

    private static byte[] vector(Chart<?, ?> chart, VectorGraphicsEncoder.VectorGraphicsFormat format)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        VectorGraphicsEncoder.saveVectorGraphic(chart, out, format);
        return out.toByteArray();
    }

    /**
     * Cuts the coordinates of lines, rectangles and points to two decimals (a hundredth of a
     * pixel): the long decimals of VectorGraphics2D are noise. Path data is left to
     * {@link #compactPaths}, which rounds it anyway.
     */
    static byte[] compactCoordinates(byte[] svg) {
        String s = new String(svg, StandardCharsets.UTF_8);
        String out = COORDINATES.matcher(s).replaceAll(m -> Matcher.quoteReplacement(
                m.group(1) + "=\"" + LONG_DECIMAL.matcher(m.group(2)).replaceAll("$1") + "\""));
        return out.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Joins runs of {@code <line>} elements of one style into one {@code <path>}: XChart draws a
     * series as one line element per segment, each repeating a 100-character style, so a timeline
     * of thousands of points made megabytes (and every report that inlines it). Connected segments
     * become one polyline, others a new subpath of the same path; the drawing is the same.
     */
    static byte[] joinLines(byte[] svg) {
        String s = new String(svg, StandardCharsets.UTF_8);
        Matcher m = LINE.matcher(s);
        StringBuilder out = new StringBuilder(s.length());
        StringBuilder d = new StringBuilder();
        String style = null;
        String endX = null;
        String endY = null;
        int copied = 0;
        while (m.find()) {
            boolean continues = style != null && m.group(1).equals(style) && s.substring(copied, m.start()).isBlank();
            if (!continues) {
                flushPath(out, style, d);
                out.append(s, copied, m.start());
                style = m.group(1);
            }
            if (!(continues && m.group(2).equals(endX) && m.group(4).equals(endY))) {
                d.append(d.isEmpty() ? "M" : " M").append(m.group(2)).append(',').append(m.group(4));
            }
            endX = m.group(3);
            endY = m.group(5);
            d.append(" L").append(endX).append(',').append(endY);
            copied = m.end();
        }
        flushPath(out, style, d);
        out.append(s, copied, s.length());
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Rewrites every path's {@code d} in relative commands on a grid of a tenth of a pixel, with
     * repeated command letters left out: the glyph outlines of the text are most of a chart's
     * bytes, and this about halves them. Positions are rounded, not the steps between them, so
     * errors do not add up along a path. A path with a command it does not know stays as it is.
     */
    static byte[] compactPaths(byte[] svg) {
        String s = new String(svg, StandardCharsets.UTF_8);
        return PATH_DATA.matcher(s).replaceAll(m -> Matcher.quoteReplacement(" d=\"" + relative(m.group(1)) + "\""))
                .getBytes(StandardCharsets.UTF_8);
    }

    /** Points each command takes (absolute SVG commands as VectorGraphics2D writes them). */
    private static int points(char command) {
        return switch (command) {
            case 'M', 'L' -> 1;
            case 'Q' -> 2;
            case 'C' -> 3;
            case 'Z' -> 0;
            default -> -1;
        };
    }

    static String relative(String d) {
        Matcher t = PATH_TOKEN.matcher(d);
        List<String> tokens = new java.util.ArrayList<>();
        while (t.find()) {
            tokens.add(t.group());
        }
        StringBuilder out = new StringBuilder(d.length() / 2);
        long x = 0, y = 0, startX = 0, startY = 0;
        char last = 0;
        int i = 0;
        while (i < tokens.size()) {
            String tok = tokens.get(i++);
            char c = tok.charAt(0);
            int n = tok.length() == 1 ? points(c) : -1;
            if (n < 0) {
                return d;
            }
            if (n == 0) {
                out.append('z');
                last = 'z';
                x = startX;
                y = startY;
                continue;
            }
            boolean first = true;
            // An absolute command may carry several point groups (M's extra pairs are lines).
            while (i + 2 * n <= tokens.size() && isNumber(tokens.get(i))) {
                char rel = c == 'M' && !first ? 'l' : Character.toLowerCase(c);
                if (rel != last || rel == 'm') {
                    out.append(rel);
                } else {
                    out.append(' ');
                }
                long endX = x, endY = y;
                for (int p = 0; p < n; p++) {
                    long px, py;
                    try {
                        px = Math.round(Double.parseDouble(tokens.get(i++)) * 10);
                        py = Math.round(Double.parseDouble(tokens.get(i++)) * 10);
                    } catch (NumberFormatException e) {
                        return d;
                    }
                    if (p > 0) {
                        out.append(' ');
                    }
                    out.append(tenths(px - x)).append(py - y < 0 ? "" : " ").append(tenths(py - y));
                    endX = px;
                    endY = py;
                }
                x = endX;
                y = endY;
                if (rel == 'm') {
                    startX = x;
                    startY = y;
                    last = 'l'; // numbers after an m are lines
                } else {
                    last = rel;
                }
                first = false;
            }
            if (first) {
                return d; // a command without its numbers
            }
        }
        return out.toString();
    }

    private static boolean isNumber(String token) {
        char c = token.charAt(0);
        return c == '-' || c == '.' || Character.isDigit(c);
    }

    /** A length in tenths as a short decimal: 23 → 2.3, -5 → -.5, 30 → 3. */
    private static String tenths(long v) {
        long a = Math.abs(v);
        String whole = a >= 10 ? Long.toString(a / 10) : "";
        String frac = a % 10 == 0 ? "" : "." + (a % 10);
        String body = whole.isEmpty() && frac.isEmpty() ? "0" : whole + frac;
        return (v < 0 ? "-" : "") + body;
    }

    private static void flushPath(StringBuilder out, String style, StringBuilder d) {
        if (style != null && !d.isEmpty()) {
            // A line has no fill; a path would be filled black unless told otherwise.
            String st = style.contains("fill:none") ? style : "fill:none;" + style;
            out.append("<path style=\"").append(st).append("\" d=\"").append(d).append("\"/>");
        }
        d.setLength(0);
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
