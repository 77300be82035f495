package imago.faultmodel.typing;

import imago.faultmodel.cluster.Partition;
import imago.faultmodel.data.FailureReport;
import imago.faultmodel.data.Feature;

import java.util.List;

/**
 * How common each feature value is in each cluster and overall: the share of the cluster's
 * reports that carry it ({@code unknown} counts as a value of its own).
 */
public final class Prevalence {

    private final int k;
    private final double[][][] cluster;
    private final double[][] overall;

    private Prevalence(int k, double[][][] cluster, double[][] overall) {
        this.k = k;
        this.cluster = cluster;
        this.overall = overall;
    }

    public static Prevalence of(List<FailureReport> rows, Partition p) {
        Feature[] fs = Feature.values();
        int k = p.k();
        double[][][] c = new double[k][fs.length][];
        double[][] all = new double[fs.length][];
        for (Feature f : fs) {
            all[f.ordinal()] = new double[f.vocabulary().size()];
            for (int j = 0; j < k; j++) {
                c[j][f.ordinal()] = new double[f.vocabulary().size()];
            }
        }
        int[] size = p.sizes();
        for (int i = 0; i < rows.size(); i++) {
            FailureReport r = rows.get(i);
            for (Feature f : fs) {
                int code = r.code(f);
                c[p.cluster(i)][f.ordinal()][code] += 1.0 / size[p.cluster(i)];
                all[f.ordinal()][code] += 1.0 / rows.size();
            }
        }
        return new Prevalence(k, c, all);
    }

    public int clusters() {
        return k;
    }

    /** Share of cluster {@code c}'s reports whose {@code f} is {@code value}. */
    public double in(int c, Feature f, String value) {
        return cluster[c][f.ordinal()][index(f, value)];
    }

    /** Share of all reports whose {@code f} is {@code value}. */
    public double overall(Feature f, String value) {
        return overall[f.ordinal()][index(f, value)];
    }

    /** How much more common {@code value} is in cluster {@code c} than overall. */
    public double lift(int c, Feature f, String value) {
        return in(c, f, value) - overall(f, value);
    }

    private static int index(Feature f, String value) {
        int i = f.code(value);
        if (i < 0) {
            throw new IllegalArgumentException(f.column() + ": no value " + value);
        }
        return i;
    }
}
