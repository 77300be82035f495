package imago.faultmodel;

import imago.faultmodel.cluster.Dendrogram;
import imago.faultmodel.cluster.Distances;
import imago.faultmodel.cluster.Upgma;
import imago.faultmodel.data.FailureReport;
import imago.faultmodel.data.Source;
import imago.faultmodel.learn.LearnedRates;
import imago.model.fault.FaultType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.SortedMap;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * The whole model procedure repeated on bootstrap resamples of the reports (drawn with
 * replacement within each source, so every source keeps its size): each resample is clustered,
 * chooses its own k by silhouette (unless k is fixed), types its clusters and yields type shares
 * per source and pooled. From that come
 * <ul>
 *   <li>each report's <b>bagged type</b>: how often the resamples that drew it typed it 1, 2, 3
 *       and 4. The model's frequencies and step rates are learned from these soft types, which
 *       move little when a few reports are added, where one fit's hard types can flip a whole
 *       cluster (Breiman's bagging of an unstable procedure);</li>
 *   <li>how often each k is chosen, and the <b>modal k</b>: the k rule of the model, since a
 *       single silhouette maximum flips between close values when a few reports are added;</li>
 *   <li>95% percentile intervals of every share, which contain the variation from the choice of k
 *       as well as from the clustering.</li>
 * </ul>
 * Resample b draws from its own generator seeded by (seed, b), in order, on one thread.
 *
 * @param resamples how many resamples were drawn
 * @param kChosen   per k, in how many resamples silhouette chose it
 * @param low       per source code (and {@code pooled}), per type: 2.5th percentile of the share
 * @param high      the same, 97.5th percentile
 * @param votes     per report (in data order), per type: in how many of the resamples that drew
 *                  it the report was typed so (see {@link #typeShare})
 */
public record ShareBootstrap(int resamples, SortedMap<Integer, Integer> kChosen,
                             Map<String, Map<FaultType, Double>> low, Map<String, Map<FaultType, Double>> high,
                             double[][] votes) {

    public static final String POOLED = "pooled";

    public ShareBootstrap {
        kChosen = Collections.unmodifiableSortedMap(new TreeMap<>(kChosen));
        low = Map.copyOf(low);
        high = Map.copyOf(high);
        votes = copy(votes);
    }

    @Override
    public double[][] votes() {
        return copy(votes);
    }

    /**
     * Each report's bagged type: its votes as shares; a report no resample drew (practically
     * never with 100 resamples) counts wholly as its type in the fit on all reports, {@code fallback}.
     */
    public double[][] typeShare(FaultType[] fallback) {
        double[][] p = copy(votes);
        for (int i = 0; i < p.length; i++) {
            double sum = java.util.Arrays.stream(p[i]).sum();
            if (sum == 0) {
                p[i][fallback[i].ordinal()] = 1;
            } else {
                for (int t = 0; t < p[i].length; t++) {
                    p[i][t] /= sum;
                }
            }
        }
        return p;
    }

    // Records compare arrays by reference; a bootstrap result is a value.
    @Override
    public boolean equals(Object o) {
        return o instanceof ShareBootstrap b && b.resamples == resamples && b.kChosen.equals(kChosen)
                && b.low.equals(low) && b.high.equals(high) && Arrays.deepEquals(b.votes, votes);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(resamples, kChosen, low, high) * 31 + Arrays.deepHashCode(votes);
    }

    @Override
    public String toString() {
        return "ShareBootstrap[resamples=" + resamples + ", kChosen=" + kChosen + "]";
    }

    private static double[][] copy(double[][] a) {
        return java.util.Arrays.stream(a).map(double[]::clone).toArray(double[][]::new);
    }

    /** The k chosen most often; ties go to the smaller k. */
    public int modalK() {
        int best = kChosen.firstKey();
        for (var e : kChosen.entrySet()) {
            if (e.getValue() > kChosen.get(best)) {
                best = e.getKey();
            }
        }
        return best;
    }

    static ShareBootstrap run(List<FailureReport> rows, Distances d, Options o, OptionalInt fixedK) {
        if (o.resamples() < 1) {
            throw new IllegalArgumentException("resamples: the bootstrap needs at least 1");
        }
        Map<Source, List<Integer>> bySource = new EnumMap<>(Source.class);
        for (int i = 0; i < rows.size(); i++) {
            bySource.computeIfAbsent(rows.get(i).source(), s -> new ArrayList<>()).add(i);
        }
        SortedMap<Integer, Integer> kChosen = new TreeMap<>();
        double[][] votes = new double[rows.size()][FaultType.values().length];
        Map<String, Map<FaultType, double[]>> shares = new LinkedHashMap<>();
        int b = o.resamples();
        // Each resample has its own seed, so they are drawn and clustered in parallel and merged in
        // their order: the same figures whatever the thread count.
        List<Resample> done = java.util.stream.IntStream.range(0, b).parallel()
                .mapToObj(r -> resample(rows, d, bySource, fixedK, o, r)).toList();
        for (int r = 0; r < b; r++) {
            Resample one = done.get(r);
            kChosen.merge(one.k(), 1, Integer::sum);
            boolean[] seen = new boolean[rows.size()];
            for (int i = 0; i < one.idx().length; i++) {
                if (!seen[one.idx()[i]]) {
                    seen[one.idx()[i]] = true;
                    votes[one.idx()[i]][one.typed()[i].ordinal()]++;
                }
            }
            int rr = r;
            one.rates().perSource().forEach((s, m) -> record(shares, s.code(), m, rr, b));
            record(shares, POOLED, one.rates().pooled(), r, b);
        }
        Map<String, Map<FaultType, Double>> low = new LinkedHashMap<>();
        Map<String, Map<FaultType, Double>> high = new LinkedHashMap<>();
        shares.forEach((key, byType) -> {
            Map<FaultType, Double> lo = new EnumMap<>(FaultType.class);
            Map<FaultType, Double> hi = new EnumMap<>(FaultType.class);
            byType.forEach((t, v) -> {
                double[] s = v.clone();
                Arrays.sort(s);
                lo.put(t, quantile(s, 0.025));
                hi.put(t, quantile(s, 0.975));
            });
            low.put(key, lo);
            high.put(key, hi);
        });
        return new ShareBootstrap(b, kChosen, low, high, votes);
    }

    private static void record(Map<String, Map<FaultType, double[]>> shares, String key, Map<FaultType, Double> m,
                               int r, int b) {
        Map<FaultType, double[]> byType = shares.computeIfAbsent(key, x -> new EnumMap<>(FaultType.class));
        for (FaultType t : FaultType.values()) {
            byType.computeIfAbsent(t, x -> new double[b])[r] = m.getOrDefault(t, 0.0);
        }
    }

    /** Linear interpolation between order statistics (type 7, R's default). */
    static double quantile(double[] sorted, double q) {
        double h = (sorted.length - 1) * q;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    /** One bootstrap resample: the reports drawn, the k chosen, their types and the rates they give. */
    private record Resample(int[] idx, int k, FaultType[] typed, LearnedRates rates) {
    }

    private static Resample resample(List<FailureReport> rows, Distances d, Map<Source, List<Integer>> bySource,
                                     OptionalInt fixedK, Options o, int r) {
        SplittableRandom rng = new SplittableRandom(o.seed() * 1_000_003L + r);
        int[] idx = new int[rows.size()];
        int at = 0;
        for (List<Integer> members : bySource.values()) {
            for (int i = 0; i < members.size(); i++) {
                idx[at++] = members.get(rng.nextInt(members.size()));
            }
        }
        Distances sub = d.subset(idx);
        List<FailureReport> drawn = Arrays.stream(idx).mapToObj(rows::get).toList();
        Dendrogram tree = Upgma.fit(sub);
        int k = fixedK.orElseGet(() -> ModelFit.argmax(ModelFit.silhouette(tree, sub, Options.K_AUTO_MIN, Options.K_MAX, o)));
        FaultType[] typed = ModelFit.cut(drawn, tree, sub, k, o).rowTypes();
        return new Resample(idx, k, typed, LearnedRates.learn(drawn, typed, o.reference()));
    }
}
