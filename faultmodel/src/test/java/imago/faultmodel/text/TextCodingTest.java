package imago.faultmodel.text;

import imago.faultmodel.data.DataSet;
import imago.faultmodel.data.DataSetLoader;
import imago.faultmodel.data.DataSetSource;
import imago.faultmodel.data.ReportTexts;
import imago.faultmodel.data.TypeLabel;
import imago.faultmodel.text.TextCoding.Code;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static imago.faultmodel.text.TextCoding.Code.NONE;
import static imago.faultmodel.text.TextCoding.Code.SEMANTIC;
import static imago.faultmodel.text.TextCoding.Code.SLIP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TextCodingTest {

    @Test
    void kappaMatchesAHandComputedTable() {
        // 10 items: both SLIP 4, both SEMANTIC 3, SLIP/NONE 1, NONE/SEMANTIC 1, both NONE 1.
        List<Code> a = List.of(SLIP, SLIP, SLIP, SLIP, SEMANTIC, SEMANTIC, SEMANTIC, SLIP, NONE, NONE);
        List<Code> b = List.of(SLIP, SLIP, SLIP, SLIP, SEMANTIC, SEMANTIC, SEMANTIC, NONE, SEMANTIC, NONE);
        // observed 0.8; chance = 0.5*0.4 + 0.3*0.4 + 0.2*0.2 = 0.36; kappa = 0.44 / 0.64.
        assertThat(TextCoding.cohensKappa(a, b)).isCloseTo(0.44 / 0.64, within(1e-12));
        assertThat(TextCoding.cohensKappa(a, a)).isEqualTo(1.0);
    }

    @Test
    void bothPassesCodeTheTypesDefiningCases() {
        for (TextCoding p : TextAgreement.PASSES) {
            assertThat(p.code("forgot to run the database migration after upgrade")).as(p.name()).isEqualTo(SLIP);
            assertThat(p.code("typo in config file, service fails to start")).as(p.name()).isEqualTo(SLIP);
            assertThat(p.code("option renamed in new major; old key silently ignored")).as(p.name()).isEqualTo(SEMANTIC);
            assertThat(p.code("changed default bind address after upgrade")).as(p.name()).isEqualTo(SEMANTIC);
            assertThat(p.code("nginx returns 502 behind proxy")).as(p.name()).isEqualTo(NONE);
        }
    }

    @Test
    void theCommittedTextsGiveAgreementOnMoreThanAHundredReports() {
        DataSet d = DataSetLoader.loadResource(DataSetSource.BUNDLED_RESOURCE);
        Map<String, String> texts = ReportTexts.loadBundled();
        assertThat(texts).hasSize(1114);
        assertThat(texts.keySet()).allMatch(id -> id.startsWith("O:") || id.startsWith("F:"));
        TextAgreement g = TextAgreement.of(d.rows(), texts);
        assertThat(g.rows()).isEqualTo(1114);
        assertThat(g.kappa()).isBetween(-1.0, 1.0);
        // The labels only count: both passes give codes to reports of either label.
        for (TextCoding p : TextAgreement.PASSES) {
            assertThat(g.coverage(p.name(), TypeLabel.TYPE_1)).isPositive();
            assertThat(g.coverage(p.name(), TypeLabel.TYPE_2)).isPositive();
        }
    }
}
