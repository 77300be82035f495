package imago.faultmodel.typing;

import imago.faultmodel.data.Feature;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Names a cluster by its dominant features: the values held by at least half of its reports
 * that are most over-represented compared with all reports (at most three, ``unknown'' never).
 */
public final class ClusterNames {

    private static final int MAX_PARTS = 3;

    private ClusterNames() {
    }

    public static String name(Prevalence p, int cluster) {
        record Part(String text, double lift) {
        }
        List<Part> parts = new ArrayList<>();
        for (Feature f : Feature.values()) {
            for (String v : f.vocabulary()) {
                if (v.equals(Feature.UNKNOWN)) {
                    continue;
                }
                double lift = p.lift(cluster, f, v);
                if (p.in(cluster, f, v) >= 0.5 && lift > 0) {
                    parts.add(new Part(shortName(f) + "=" + v, lift));
                }
            }
        }
        parts.sort(Comparator.comparingDouble(Part::lift).reversed().thenComparing(Part::text));
        List<String> top = parts.stream().limit(MAX_PARTS).map(Part::text).toList();
        return top.isEmpty() ? "mixed" : String.join(" ", top);
    }

    static String shortName(Feature f) {
        return f.column().replace("involves_", "");
    }
}
