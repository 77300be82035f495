package imago.faultmodel.cluster;

import java.util.Arrays;

/**
 * The merge tree of an agglomerative clustering, in the usual (R, SciPy, Smile) convention:
 * row i of {@code merges} joins two clusters at step i; an id below n is a report, an id n+j is
 * the cluster formed at step j. {@code heights[i]} is the linkage distance of step i.
 */
public record Dendrogram(int[][] merges, double[] heights) {

    public Dendrogram {
        if (merges.length != heights.length) {
            throw new IllegalArgumentException("merges and heights differ in length");
        }
        int[][] copy = new int[merges.length][];
        for (int i = 0; i < merges.length; i++) {
            copy[i] = merges[i].clone();
        }
        merges = copy;
        heights = heights.clone();
    }

    /** Number of leaves (reports). */
    public int leaves() {
        return merges.length + 1;
    }

    public int left(int step) {
        return merges[step][0];
    }

    public int right(int step) {
        return merges[step][1];
    }

    public double height(int step) {
        return heights[step];
    }

    /** Number of reports under the cluster formed at {@code step}. */
    public int[] sizes() {
        int n = leaves();
        int[] size = new int[merges.length];
        for (int i = 0; i < merges.length; i++) {
            size[i] = sizeOf(merges[i][0], size, n) + sizeOf(merges[i][1], size, n);
        }
        return size;
    }

    private static int sizeOf(int id, int[] size, int n) {
        return id < n ? 1 : size[id - n];
    }

    /**
     * The clusters left when the tree is cut into {@code m} clusters (the last m-1 merges undone):
     * for each report, the id of the tree node it falls under.
     */
    public int[] cutInto(int m) {
        int n = leaves();
        if (m < 1 || m > n) {
            throw new IllegalArgumentException("cannot cut " + n + " reports into " + m + " clusters");
        }
        // Top-down: a node of an undone merge (the last m-1) is no cluster, its children are;
        // below that, every node belongs to the cluster of its parent.
        int[] cluster = new int[2 * n - 1];
        cluster[2 * n - 2] = 2 * n - 2;
        for (int s = n - 2; s >= 0; s--) {
            boolean undone = s >= n - m;
            for (int child : merges[s]) {
                cluster[child] = undone ? child : cluster[n + s];
            }
        }
        return Arrays.copyOf(cluster, n);
    }

    /**
     * Cophenetic correlation: Pearson's r between the original dissimilarities and the heights at
     * which each pair of reports first shares a cluster, over all pairs. Near 1 means the tree
     * represents the distances faithfully.
     */
    public double copheneticCorrelation(Distances d) {
        int n = leaves();
        if (d.size() != n) {
            throw new IllegalArgumentException("distances are for " + d.size() + " reports, the tree has " + n);
        }
        int[][] members = new int[2 * n - 1][];
        for (int i = 0; i < n; i++) {
            members[i] = new int[] {i};
        }
        double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
        long pairs = 0;
        for (int s = 0; s < merges.length; s++) {
            int[] a = members[merges[s][0]];
            int[] b = members[merges[s][1]];
            double h = heights[s];
            for (int i : a) {
                for (int j : b) {
                    double x = d.d(i, j);
                    sx += x;
                    sxx += x * x;
                    sxy += x * h;
                }
            }
            long cnt = (long) a.length * b.length;
            sy += h * cnt;
            syy += h * h * cnt;
            pairs += cnt;
            int[] merged = Arrays.copyOf(a, a.length + b.length);
            System.arraycopy(b, 0, merged, a.length, b.length);
            members[n + s] = merged;
            members[merges[s][0]] = null;
            members[merges[s][1]] = null;
        }
        double cov = sxy - sx * sy / pairs;
        double vx = sxx - sx * sx / pairs;
        double vy = syy - sy * sy / pairs;
        return vx <= 0 || vy <= 0 ? 0 : cov / Math.sqrt(vx * vy);
    }

    @Override
    public int[][] merges() {
        int[][] copy = new int[merges.length][];
        for (int i = 0; i < merges.length; i++) {
            copy[i] = merges[i].clone();
        }
        return copy;
    }

    @Override
    public double[] heights() {
        return heights.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Dendrogram t && Arrays.deepEquals(t.merges, merges) && Arrays.equals(t.heights, heights);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.deepHashCode(merges) + Arrays.hashCode(heights);
    }

    @Override
    public String toString() {
        return "Dendrogram[leaves=" + leaves() + "]";
    }
}
