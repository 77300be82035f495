package imago.faultmodel.classify;

import imago.model.fault.FaultType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static imago.model.fault.FaultType.BROKEN_ENVIRONMENT;
import static imago.model.fault.FaultType.DATA_ACCESS;
import static imago.model.fault.FaultType.SEMANTIC_CONFIG;
import static imago.model.fault.FaultType.SIMPLE_CONFIG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class EvaluationTest {

    @Test
    void wilsonIntervalMatchesTheTextbookValues() {
        // 8 of 10: Wilson 95% interval 0.490 .. 0.943 (Newcombe 1998, method 3).
        Evaluation.Proportion p = Evaluation.Proportion.of(8, 10);
        assertThat(p.value()).isEqualTo(0.8);
        assertThat(p.low()).isCloseTo(0.4902, within(1e-4));
        assertThat(p.high()).isCloseTo(0.9433, within(1e-4));
        Evaluation.Proportion none = Evaluation.Proportion.of(0, 20);
        assertThat(none.low()).isZero();
        assertThat(none.high()).isCloseTo(0.1611, within(1e-4));
        assertThat(Evaluation.Proportion.of(0, 0).value()).isNaN();
    }

    @Test
    void countsRecallPrecisionAndConfusion() {
        List<FaultType> truth = List.of(SIMPLE_CONFIG, SIMPLE_CONFIG, SEMANTIC_CONFIG, DATA_ACCESS, DATA_ACCESS);
        List<FaultType> got = List.of(SIMPLE_CONFIG, SEMANTIC_CONFIG, SEMANTIC_CONFIG, DATA_ACCESS, SIMPLE_CONFIG);
        Evaluation e = Evaluation.of(truth, got);
        assertThat(e.total()).isEqualTo(5);
        assertThat(e.accuracy().hits()).isEqualTo(3);
        assertThat(e.recall(SIMPLE_CONFIG).value()).isEqualTo(0.5);
        assertThat(e.precision(SIMPLE_CONFIG).value()).isEqualTo(0.5);
        assertThat(e.recall(SEMANTIC_CONFIG).value()).isEqualTo(1.0);
        assertThat(e.precision(SEMANTIC_CONFIG).value()).isEqualTo(0.5);
        assertThat(e.recall(BROKEN_ENVIRONMENT).total()).isZero();
        // Macro recall over the three types that have labels: (0.5 + 1 + 0.5) / 3.
        assertThat(e.macroRecall()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(e.minRecall()).isEqualTo(0.5);
        assertThat(e.confusion()[DATA_ACCESS.ordinal()][SIMPLE_CONFIG.ordinal()]).isEqualTo(1);
        String csv = e.csv();
        assertThat(csv.lines().findFirst()).hasValue("metric,type,predicted,hits,total,value,wilson_low,wilson_high");
        assertThat(csv).contains("accuracy,all,,3,5,0.6000,", "recall,2,,1,1,1.0000,", "confusion,4,1,1,2,,,",
                "macro_recall,all,,,,0.6667,,");
        assertThat(csv.lines().count()).isEqualTo(1 + 1 + 4 + 4 + 1 + 16);
    }
}
