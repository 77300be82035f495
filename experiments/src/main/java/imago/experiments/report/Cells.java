package imago.experiments.report;

import java.util.List;
import java.util.regex.Pattern;

/** Table cell helpers shared by the Markdown and HTML writers. */
final class Cells {

    // A number, optionally a percentage, optionally followed by its interval: "0.99 [0.98, 1]".
    private static final Pattern NUMBER = Pattern.compile(
            "[-+]?(\\d[\\d,]*(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?%?( \\[[^\\]]*])?|n/a|-?inf");

    private Cells() {
    }

    /** True when every non-empty cell of column {@code col} is a number: it is then right-aligned. */
    static boolean numericColumn(List<List<String>> rows, int col) {
        boolean any = false;
        for (List<String> r : rows) {
            String v = r.get(col).strip();
            if (v.isEmpty()) {
                continue;
            }
            if (!NUMBER.matcher(v).matches()) {
                return false;
            }
            any = true;
        }
        return any;
    }
}
