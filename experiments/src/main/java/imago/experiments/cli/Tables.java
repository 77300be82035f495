package imago.experiments.cli;

import java.io.PrintWriter;
import java.util.List;

/** Plain aligned text tables for the terminal; the first row is the header. */
public final class Tables {
    private Tables() {
    }

    public static void print(PrintWriter out, List<String[]> rows) {
        int cols = rows.getFirst().length;
        int[] width = new int[cols];
        for (String[] r : rows) {
            for (int i = 0; i < cols; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        for (int k = 0; k < rows.size(); k++) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < cols; i++) {
                String cell = rows.get(k)[i];
                line.append(i == 0 ? "" : "  ").append(cell).append(" ".repeat(width[i] - cell.length()));
            }
            out.println(line.toString().stripTrailing());
            if (k == 0) {
                StringBuilder rule = new StringBuilder();
                for (int i = 0; i < cols; i++) {
                    rule.append(i == 0 ? "" : "  ").append("-".repeat(width[i]));
                }
                out.println(rule);
            }
        }
    }
}
