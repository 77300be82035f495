package imago.faultmodel.cluster;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * An assignment of n items to k clusters numbered 0..k-1 in a canonical order: by size,
 * largest first, ties by the smallest item index. The numbering therefore does not depend on
 * how an algorithm happened to label its clusters, which keeps outputs deterministic.
 */
public record Partition(int k, int[] assignment) {

    public Partition {
        assignment = assignment.clone();
        for (int a : assignment) {
            if (a < 0 || a >= k) {
                throw new IllegalArgumentException("assignment: cluster " + a + " outside 0.." + (k - 1));
            }
        }
    }

    /** Renumbers any labelling (labels need not be contiguous) into the canonical order. */
    public static Partition canonical(int[] labels) {
        int max = Arrays.stream(labels).max().orElse(-1);
        int[] size = new int[max + 1];
        int[] first = new int[max + 1];
        Arrays.fill(first, Integer.MAX_VALUE);
        for (int i = 0; i < labels.length; i++) {
            size[labels[i]]++;
            first[labels[i]] = Math.min(first[labels[i]], i);
        }
        List<Integer> used = new ArrayList<>();
        for (int c = 0; c <= max; c++) {
            if (size[c] > 0) {
                used.add(c);
            }
        }
        used.sort(Comparator.<Integer>comparingInt(c -> -size[c]).thenComparingInt(c -> first[c]));
        int[] rank = new int[max + 1];
        for (int r = 0; r < used.size(); r++) {
            rank[used.get(r)] = r;
        }
        int[] out = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            out[i] = rank[labels[i]];
        }
        return new Partition(used.size(), out);
    }

    @Override
    public int[] assignment() {
        return assignment.clone();
    }

    public int cluster(int item) {
        return assignment[item];
    }

    public int size() {
        return assignment.length;
    }

    public int[] sizes() {
        int[] s = new int[k];
        for (int a : assignment) {
            s[a]++;
        }
        return s;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Partition p && p.k == k && Arrays.equals(p.assignment, assignment);
    }

    @Override
    public int hashCode() {
        return 31 * k + Arrays.hashCode(assignment);
    }

    @Override
    public String toString() {
        return "Partition[k=" + k + ", sizes=" + Arrays.toString(sizes()) + "]";
    }
}
