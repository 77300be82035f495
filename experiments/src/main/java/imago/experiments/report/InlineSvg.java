package imago.experiments.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns an SVG file into markup that can sit inside an HTML page beside other SVGs. */
final class InlineSvg {

    private static final Pattern PROLOG = Pattern.compile("(?s)<\\?xml.*?\\?>|<!DOCTYPE[^>]*>|<!--.*?-->");
    private static final Pattern ID = Pattern.compile("\\bid=\"([^\"]+)\"");
    private static final Pattern URL_REF = Pattern.compile("url\\(#([^)]+)\\)");
    private static final Pattern HREF = Pattern.compile("href=\"#([^\"]+)\"");
    private static final Pattern SIZE = Pattern.compile("\\s(width|height)=\"[^\"]*\"");

    private InlineSvg() {
    }

    /**
     * The SVG of {@code file} without its XML prolog, its ids prefixed with {@code prefix} (so
     * the clip paths of two charts cannot clash in one page) and its fixed size dropped (it
     * scales to the page through its viewBox).
     */
    static String read(Path file, String prefix) throws IOException {
        String s = PROLOG.matcher(Files.readString(file, StandardCharsets.UTF_8)).replaceAll("").strip();
        s = ID.matcher(s).replaceAll(m -> Matcher.quoteReplacement("id=\"" + prefix + m.group(1) + "\""));
        s = URL_REF.matcher(s).replaceAll(m -> Matcher.quoteReplacement("url(#" + prefix + m.group(1) + ")"));
        s = HREF.matcher(s).replaceAll(m -> Matcher.quoteReplacement("href=\"#" + prefix + m.group(1) + "\""));
        int open = s.indexOf("<svg");
        int end = open < 0 ? -1 : s.indexOf('>', open);
        if (open < 0 || end < 0) {
            throw new IOException(file + " is not an SVG file");
        }
        String root = s.substring(open, end);
        if (root.contains("viewBox")) {
            root = SIZE.matcher(root).replaceAll("");
        }
        return s.substring(0, open) + root + " class=\"chart\" role=\"img\"" + s.substring(end);
    }
}
