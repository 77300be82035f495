package imago.faultmodel.cluster;

import imago.faultmodel.data.FailureReport;
import imago.faultmodel.data.Feature;
import imago.faultmodel.data.Source;
import imago.faultmodel.data.TypeLabel;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ClusteringTest {

    /** Two tight groups {0,1,2} and {3,4,5} (0.1 apart inside, 0.9 across), and optionally an outlier. */
    static Distances twoGroups(boolean outlier) {
        int n = outlier ? 7 : 6;
        double[][] d = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (i == j) {
                    continue;
                }
                if (i == 6 || j == 6) {
                    int other = i == 6 ? j : i;
                    d[i][j] = other < 3 ? 0.97 : 0.95;
                } else {
                    d[i][j] = (i < 3) == (j < 3) ? 0.1 : 0.9;
                }
            }
        }
        return new Distances(d);
    }

    static FailureReport report(String id, String... featureValues) {
        List<String> values = new ArrayList<>();
        for (Feature f : Feature.values()) {
            values.add(f.vocabulary().getFirst());
        }
        for (int i = 0; i < featureValues.length; i += 2) {
            values.set(Feature.valueOf(featureValues[i]).ordinal(), featureValues[i + 1]);
        }
        return new FailureReport(id, Source.FIELD, "https://example.org/" + id, "s", OptionalInt.empty(), values,
                TypeLabel.UNCLEAR);
    }

    @Test
    void gowerIsTheShareOfKnownFeaturesThatDiffer() {
        FailureReport a = report("a", "STAGE", "start", "CONFIG", "yes", "HUMAN_ERROR", "no");
        FailureReport b = report("b", "STAGE", "install", "CONFIG", "no", "HUMAN_ERROR", "no");
        FailureReport c = report("c", "STAGE", "start", "CONFIG", "unknown", "HUMAN_ERROR", "yes");
        Distances d = Encoding.of(List.of(a, b, c), FeatureSet.CAUSE).gower();
        int m = FeatureSet.CAUSE.features().size();
        assertThat(d.d(0, 1)).isEqualTo(2.0 / m);
        // config unknown in c: compared on the other m-1 features, of which human_error differs.
        assertThat(d.d(0, 2)).isEqualTo(1.0 / (m - 1));
        assertThat(d.d(2, 0)).isEqualTo(d.d(0, 2));
        assertThat(d.d(1, 1)).isZero();
    }

    @Test
    void theLabelIsNotAFeature() {
        assertThat(FeatureSet.ALL.features()).hasSize(Feature.values().length);
        assertThat(Arrays.stream(Feature.values()).map(Feature::column)).doesNotContain("type_label");
    }

    @Test
    void canonicalNumberingIsBySizeThenFirstItem() {
        Partition p = Partition.canonical(new int[] {5, 5, 2, 7, 2, 2});
        assertThat(p.k()).isEqualTo(3);
        assertThat(p.assignment()).containsExactly(1, 1, 0, 2, 0, 0);
        assertThat(Partition.canonical(new int[] {9, 9, 4, 4})).isEqualTo(new Partition(2, new int[] {0, 0, 1, 1}));
    }

    @Test
    void upgmaRecoversSeparatedGroupsAndAnUltrametricIsRepresentedExactly() {
        Distances d = twoGroups(false);
        Dendrogram tree = Upgma.fit(d);
        assertThat(tree.leaves()).isEqualTo(6);
        double[] h = tree.heights();
        for (int i = 1; i < h.length; i++) {
            assertThat(h[i]).isGreaterThanOrEqualTo(h[i - 1]);
        }
        assertThat(h[h.length - 1]).isCloseTo(0.9, within(1e-6));
        assertThat(Upgma.cut(tree, d, 2, 1).assignment()).containsExactly(0, 0, 0, 1, 1, 1);
        assertThat(tree.copheneticCorrelation(d)).isCloseTo(1.0, within(1e-6));
        assertThat(tree.sizes()[tree.sizes().length - 1]).isEqualTo(6);
    }

    @Test
    void cutSetsSmallBranchesAsideAndAttachesThemToTheNearestMainCluster() {
        Distances d = twoGroups(true);
        Dendrogram tree = Upgma.fit(d);
        // The plain cut isolates the outlier ...
        assertThat(Upgma.cut(tree, d, 2, 1).sizes()).containsExactly(6, 1);
        // ... with a minimum size it keeps both groups and joins the outlier to the nearer one.
        Partition p = Upgma.cut(tree, d, 2, 2);
        assertThat(p.assignment()).containsExactly(1, 1, 1, 0, 0, 0, 0);
        assertThatThrownBy(() -> Upgma.cut(tree, d, 8, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void silhouetteMatchesAHandComputation() {
        Distances d = twoGroups(false);
        Partition p = new Partition(2, new int[] {0, 0, 0, 1, 1, 1});
        // Every point: a = 0.1, b = 0.9, s = 0.8 / 0.9.
        assertThat(Metrics.silhouette(d, p)).isCloseTo(8.0 / 9.0, within(1e-12));
        Partition mixed = new Partition(2, new int[] {0, 1, 0, 1, 0, 1});
        assertThat(Metrics.silhouette(d, mixed)).isNegative();
    }

    @Test
    void adjustedRandIgnoresLabelNames() {
        assertThat(Metrics.adjustedRand(new int[] {0, 0, 1, 1, 2}, new int[] {7, 7, 3, 3, 5}))
                .isCloseTo(1.0, within(1e-12));
        assertThat(Metrics.adjustedRand(new int[] {0, 0, 0, 1, 1, 1}, new int[] {0, 1, 0, 1, 0, 1})).isLessThan(0.1);
    }

    @Test
    void stabilityIsOneForAClusteringThatAlwaysComesBackAndLowerOtherwise() {
        Partition truth = new Partition(2, new int[] {0, 0, 0, 1, 1, 1});
        double[] same = Stability.bootstrap(truth, idx -> {
            int[] g = new int[idx.length];
            for (int i = 0; i < idx.length; i++) {
                g[i] = idx[i] < 3 ? 0 : 1;
            }
            return Partition.canonical(g);
        }, 50, 1);
        assertThat(same).containsExactly(1.0, 1.0);
        double[] lumped = Stability.bootstrap(truth, idx -> new Partition(1, new int[idx.length]), 50, 1);
        assertThat(lumped[0]).isLessThan(0.9).isGreaterThan(0.2);
        assertThat(Stability.bootstrap(truth, idx -> new Partition(1, new int[idx.length]), 50, 1))
                .containsExactly(lumped);
    }

    @Test
    void kModesIsDeterministicForASeedAndFindsSeparatedGroups() {
        int[][] codes = {{0, 0, 0}, {0, 0, 1}, {0, 0, 0}, {2, 1, 1}, {2, 1, 1}, {2, 1, 0}};
        Partition a = KModesClustering.fit(codes, 2, 7);
        assertThat(a).isEqualTo(KModesClustering.fit(codes, 2, 7));
        assertThat(a.assignment()).containsExactly(0, 0, 0, 1, 1, 1);
    }
}
