package imago.experiments.run;

import imago.model.metrics.RunResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** A resumed run reads back a replication whose time to detect is empty (NaN) as it was saved. */
class PartialStoreNaNTest {

    @Test
    void aResultWithoutDetectionSurvivesTheStore(@TempDir Path out) throws Exception {
        PartialStore store = PartialStore.open(out, new PartialStore.Identity("abc", 1, "all", "sim"));
        RunResult r = ResultFilesTest.result("rolling", 0, 0.9).withExposure(Double.NaN, 12);
        store.save(r);
        RunResult back = store.load().get(PartialStore.key("rolling", 0));
        assertThat(back).isEqualTo(r);
        assertThat(back.timeToDetectS()).isNaN();
        assertThat(back.blastRadius()).isEqualTo(12);
    }
}
