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
        int[][] codes = new int[rows.size()][];
        boolean[][] missing = new boolean[rows.size()][];
        for (int i = 0; i < rows.size(); i++) {
            codes[i] = codesOf(rows.get(i), fs);
            missing[i] = missingOf(codes[i], fs);
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
        return Distances.of(codes.length, (i, j) -> gower(codes[i], missing[i], codes[j], missing[j]));
    }

    /** Report {@code row}'s codes and which of them are missing, for {@link #gower(int[], boolean[], int[], boolean[])}. */
    public int[] codes(int row) {
        return codes[row].clone();
    }

    public boolean[] missing(int row) {
        return missing[row].clone();
    }

    /** Codes of any report over {@code features}, and which are missing: the encoding of a new report. */
    public static int[] codesOf(FailureReport r, List<Feature> features) {
        int[] c = new int[features.size()];
        for (int j = 0; j < c.length; j++) {
            c[j] = r.code(features.get(j));
        }
        return c;
    }

    public static boolean[] missingOf(int[] codes, List<Feature> features) {
        boolean[] m = new boolean[codes.length];
        for (int j = 0; j < m.length; j++) {
            m[j] = codes[j] == features.get(j).unknownCode();
        }
        return m;
    }

    /**
     * Gower's dissimilarity of two code rows: the share of features, among those both know, on
     * which they differ; 1 when they know none in common. One definition for clustering and for
     * classifying new reports, so both measure alike.
     */
    public static double gower(int[] a, boolean[] missingA, int[] b, boolean[] missingB) {
        int known = 0;
        int differ = 0;
        for (int f = 0; f < a.length; f++) {
            if (missingA[f] || missingB[f]) {
                continue;
            }
            known++;
            if (a[f] != b[f]) {
                differ++;
            }
        }
        return known == 0 ? 1.0 : (double) differ / known;
    }
}
