package imago.faultmodel.learn;

import imago.model.plan.StepKind;

import java.util.Map;

/**
 * Which upgrade step a fault coded with a given {@code stage} strikes, so it can be injected there
 * (datasets/README.md, "stage"):
 *
 * <ul>
 *   <li>{@code install} -&gt; Install, {@code configure} -&gt; Configure, {@code start} -&gt; Start;</li>
 *   <li>{@code data-migration} -&gt; ConvertData (SyncData runs the same conversion on later
 *       writes, so a conversion fault is drawn once, where the conversion is first run);</li>
 *   <li>{@code runtime} -&gt; Start: the fault came in with the new version and surfaces under
 *       load; the detection delay models the lag;</li>
 *   <li>{@code rolling-mixed-version} -&gt; Start: it strikes when a new-version node starts
 *       next to old ones;</li>
 *   <li>{@code rollback} -&gt; Rollback.</li>
 * </ul>
 */
public final class StageSteps {

    public static final Map<String, StepKind> MAPPING = Map.of(
            "install", StepKind.INSTALL,
            "configure", StepKind.CONFIGURE,
            "data-migration", StepKind.CONVERT_DATA,
            "start", StepKind.START,
            "runtime", StepKind.START,
            "rolling-mixed-version", StepKind.START,
            "rollback", StepKind.ROLLBACK);

    private StageSteps() {
    }

    public static StepKind of(String stage) {
        StepKind k = MAPPING.get(stage);
        if (k == null) {
            throw new IllegalArgumentException("stage: no step for '" + stage + "'");
        }
        return k;
    }
}
