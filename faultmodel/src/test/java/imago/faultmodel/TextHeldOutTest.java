package imago.faultmodel;

import imago.faultmodel.cluster.Encoding;
import imago.faultmodel.data.DataSet;
import imago.faultmodel.data.DataSetLoader;
import imago.faultmodel.data.DataSetSource;
import imago.faultmodel.data.ReportTexts;
import imago.faultmodel.text.TextCoding;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TextHeldOutTest {

    @Test
    void withoutTextItIsExactlyTheHeldOutModel() {
        DataSet d = DataSetLoader.loadResource(DataSetSource.BUNDLED_RESOURCE);
        Options o = Options.defaults().withResamples(0);
        TextHeldOut t = TextHeldOut.run(d.rows(), ReportTexts.loadBundled(), new TextCoding.Patterns(), o, 10);
        // Same folds, same k, same classification rule: the two implementations must agree exactly.
        HeldOut h = HeldOut.run(d.rows(), Encoding.of(d.rows(), o.features()).gower(), o, 10, HeldOut.DEFAULT_FOLDS);
        for (String scope : t.without().keySet()) {
            assertThat(t.without().get(scope).confusion()).as(scope).isDeepEqualTo(h.get("model", scope).confusion());
        }
        // Without any text the added feature is missing everywhere and nothing changes.
        TextHeldOut none = TextHeldOut.run(d.rows(), Map.of(), new TextCoding.Patterns(), o, 10);
        assertThat(none.with().get("pooled").confusion()).isDeepEqualTo(none.without().get("pooled").confusion());
    }
}
