package imago.experiments.run;

import imago.model.config.ExperimentLoader;
import imago.model.experiment.Experiment;
import imago.model.fault.FaultModel;
import imago.model.fault.FaultType;
import imago.model.plan.Plan;
import imago.model.plan.PlanCompiler;
import imago.model.plan.StepKind;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class FaultDrawTest {

    private final Experiment e = ExperimentLoader.load(Path.of("src/test/resources/bidding-small.yaml"));
    private final Plan inPlace = new PlanCompiler(e.topology(), e.workload(), e.upgrade())
            .compile("in-place", e.scenario("in-place").orElseThrow().strategy());

    private static FaultModel certain(StepKind kind, FaultType type) {
        Map<StepKind, Map<FaultType, Double>> p = new EnumMap<>(StepKind.class);
        p.put(kind, Map.of(type, 1.0));
        FaultModel hw = FaultModel.handWritten();
        return new FaultModel("certain", p, hw.detection(), hw.repair(), Map.of(), Map.of(), Optional.empty());
    }

    @Test
    void aCertainFaultLandsOnEveryTargetOfItsStep() {
        FaultDraw.Drawn d = FaultDraw.draw(e, inPlace, certain(StepKind.CONFIGURE, FaultType.SIMPLE_CONFIG), 0);
        assertThat(d.injectable()).extracting(f -> f.target()).containsExactly("app-1", "app-2");
        assertThat(d.injectable()).allSatisfy(f -> assertThat(f.step()).isEqualTo(StepKind.CONFIGURE));
        assertThat(d.notInjectable()).isEmpty();
    }

    @Test
    void aFaultWithoutARealMechanismIsReportedNotInjected() {
        // A configuration fault on the database server: the upgrade does not configure it.
        FaultDraw.Drawn d = FaultDraw.draw(e, inPlace, certain(StepKind.CONVERT_DATA, FaultType.SIMPLE_CONFIG), 0);
        assertThat(d.injectable()).isEmpty();
        assertThat(d.notInjectable()).containsExactly("type 1 at ConvertData on db-1");
    }

    @Test
    void theSameSeedAndReplicationDrawTheSameFaults() {
        FaultModel model = FaultModel.handWritten().scaled(20);
        int differing = 0;
        for (int r = 0; r < 20; r++) {
            FaultDraw.Drawn a = FaultDraw.draw(e, inPlace, model, r);
            assertThat(FaultDraw.draw(e, inPlace, model, r)).isEqualTo(a);
            if (!a.equals(FaultDraw.draw(e, inPlace, model, r + 1))) {
                differing++;
            }
        }
        assertThat(differing).as("replications draw independently").isPositive();
        assertThat(FaultDraw.draw(e, inPlace, FaultModel.none(), 0).injectable()).isEmpty();
    }
}
