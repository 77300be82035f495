package imago.experiments.report;

import imago.model.dist.Dist;
import imago.model.plan.Plan;
import imago.model.plan.Step;
import imago.model.plan.Universe;
import imago.model.strategy.Strategy;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

import java.io.StringReader;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The input records and the helpers that make them. */
class InputsTest {

    @Test
    void phasesFollowThePlansGroupsAndMergeRepeats() {
        Plan plan = new Plan.Builder()
                .then(new Step.Drain(Universe.PRODUCTION, List.of("a", "b"), Dist.constant(2)))
                .then(new Step.Stop(Universe.PRODUCTION, List.of("a"), Dist.constant(5)))
                .then(new Step.Stop(Universe.PRODUCTION, List.of("b"), Dist.constant(3)))
                .group()
                .add(new Step.Install(Universe.PRODUCTION, List.of("a"), Dist.constant(4)))
                .add(new Step.Configure(Universe.PRODUCTION, List.of("a"), Dist.constant(6)))
                .then(new Step.SyncData(Universe.PARALLEL, List.of("db"), 100, 1, 2))
                .then(new Step.Retire(Universe.PRODUCTION, List.of("a"), Dist.constant(1)))
                .build("s", new Strategy.InPlace());
        assertThat(Phase.fromPlan(plan, 10)).containsExactly(
                new Phase("Drain", 10, 12),
                new Phase("Stop", 12, 20),
                new Phase("Install+Configure", 20, 26));
    }

    @Test
    void phasesMustNotEndBeforeTheyStart() {
        assertThatThrownBy(() -> new Phase("Stop", 5, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Phase("Stop", Double.NaN, 4)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ciSeriesAreSortedByX() {
        var s = CiSeries.of("a", Map.of(4, imago.experiments.stats.Summary.of(new double[] {1}),
                1, imago.experiments.stats.Summary.of(new double[] {2})));
        assertThat(s.points()).extracting(CiSeries.Point::x).containsExactly(1.0, 4.0);
    }

    private static Table csv(String name, String text) throws Exception {
        return Table.read().usingOptions(CsvReadOptions.builder(new StringReader(text)).tableName(name));
    }

    @Test
    void faultModelTablesReadByColumnName() throws Exception {
        assertThat(FaultModelTables.merges(csv("merges", "left,right,height\n0,1,0.5\n2,3,1.25\n")))
                .containsExactly(new DendrogramChart.Merge(0, 1, 0.5), new DendrogramChart.Merge(2, 3, 1.25));
        assertThat(FaultModelTables.leaves(csv("leaves", "id,source\nB:CASSANDRA-1,bug\nF:2,field\n")))
                .containsExactly(new DendrogramChart.Leaf("B:CASSANDRA-1", "bug"), new DendrogramChart.Leaf("F:2", "field"));
        assertThat(FaultModelTables.silhouette(csv("sil", "k,silhouette\n2,0.25\n3,0.5\n")))
                .containsExactly(Map.entry(2, 0.25), Map.entry(3, 0.5));
        assertThat(FaultModelTables.prevalence(csv("prev", "cluster,feature,prevalence\n1,stage=rolling,0.75\n")))
                .containsExactly(new PrevalenceHeatMap.Cell("1", "stage=rolling", 0.75));
        assertThat(FaultModelTables.frequencies(csv("freq", "source,type,share\nbug,T1,0.5\nbug,T2,0.5\nfield,T1,1\n")))
                .containsExactly(Map.entry("bug", Map.of("T1", 0.5, "T2", 0.5)), Map.entry("field", Map.of("T1", 1.0)));
        assertThatThrownBy(() -> FaultModelTables.merges(csv("m", "a,b\n1,2\n")))
                .hasMessageContaining("no column 'left'");
    }
}
