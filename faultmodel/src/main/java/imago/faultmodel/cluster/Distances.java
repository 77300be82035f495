package imago.faultmodel.cluster;

/**
 * A symmetric dissimilarity matrix with a zero diagonal. A {@link #subset} is a view on the
 * same matrix, so bootstrap resamples cost no copies.
 */
public final class Distances {

    private final double[][] d;
    /** Row i of this matrix is row {@code rows[i]} of {@code d}; null = all rows in order. */
    private final int[] rows;

    Distances(double[][] d) {
        this(d, null);
    }

    /** Distances {@code d(i, j)} of n items, computed once (symmetric, zero diagonal). */
    public static Distances of(int n, DoubleBinary d) {
        double[][] m = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                double v = d.apply(i, j);
                m[i][j] = v;
                m[j][i] = v;
            }
        }
        return new Distances(m);
    }

    /** A distance between items i and j. */
    @FunctionalInterface
    public interface DoubleBinary {
        double apply(int i, int j);
    }

    private Distances(double[][] d, int[] rows) {
        this.d = d;
        this.rows = rows;
    }

    public int size() {
        return rows == null ? d.length : rows.length;
    }

    public double d(int i, int j) {
        return rows == null ? d[i][j] : d[rows[i]][rows[j]];
    }

    /** The matrix of the rows picked by {@code idx}; repeated rows are at distance 0. */
    public Distances subset(int[] idx) {
        int[] base = new int[idx.length];
        for (int i = 0; i < idx.length; i++) {
            base[i] = rows == null ? idx[i] : rows[idx[i]];
        }
        return new Distances(d, base);
    }

    /**
     * The lower triangle with the diagonal, column by column, in single precision: the layout
     * of Smile's {@code Linkage(int, float[])}, which then works on it in place.
     */
    float[] lowerTriangleByColumn() {
        int n = size();
        float[] out = new float[(int) ((long) n * (n + 1) / 2)];
        int k = 0;
        for (int j = 0; j < n; j++) {
            for (int i = j; i < n; i++) {
                out[k++] = (float) d(i, j);
            }
        }
        return out;
    }
}
