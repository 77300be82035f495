package imago.faultmodel.cluster;

import imago.faultmodel.data.Feature;
import imago.faultmodel.data.FailureReport;

import java.util.List;

/**
 * Reports as rows of vocabulary codes over a feature set. The type label is never part of it.
 * {@code codes[i][j]} is report i's code of feature j; {@code unknown} stays a code of its own,
 * and {@link #isMissing} says which codes mean "the report does not say".
 */
public final class Encoding {

    private final List<Feature> features;
    private final int[][] codes;
    private final boolean[][] missing;

    private Encoding(List<Feature> features, int[][] codes, boolean[][] missing) {
        this.features = features;
        this.codes = codes;
        this.missing = missing;
    }

    public static Encoding of(List<FailureReport> rows, FeatureSet set) {
        List<Feature> fs = set.features();
        int[][] codes = new int[rows.size()][fs.size()];
        boolean[][] missing = new boolean[rows.size()][fs.size()];
        for (int i = 0; i < rows.size(); i++) {
            for (int j = 0; j < fs.size(); j++) {
                Feature f = fs.get(j);
                codes[i][j] = rows.get(i).code(f);
                missing[i][j] = codes[i][j] == f.unknownCode();
            }
        }
        return new Encoding(fs, codes, missing);
    }

    public int size() {
        return codes.length;
    }

    public List<Feature> features() {
        return features;
    }

    public int code(int row, int feature) {
        return codes[row][feature];
    }

    public boolean isMissing(int row, int feature) {
        return missing[row][feature];
    }

    /** A copy of the code rows picked by {@code idx} (repeats allowed), for k-modes. */
    public int[][] codes(int[] idx) {
        int[][] out = new int[idx.length][];
        for (int i = 0; i < idx.length; i++) {
            out[i] = codes[idx[i]].clone();
        }
        return out;
    }

    /**
     * Gower's dissimilarity for nominal features: the share of features, among those both reports
     * know, on which they differ. Two reports with no known feature in common are at distance 1.
     */
    public Distances gower() {
        int n = codes.length;
        int m = features.size();
        double[][] d = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                int known = 0;
                int differ = 0;
                for (int f = 0; f < m; f++) {
                    if (missing[i][f] || missing[j][f]) {
                        continue;
                    }
                    known++;
                    if (codes[i][f] != codes[j][f]) {
                        differ++;
                    }
                }
                double v = known == 0 ? 1.0 : (double) differ / known;
                d[i][j] = v;
                d[j][i] = v;
            }
        }
        return new Distances(d);
    }
}
