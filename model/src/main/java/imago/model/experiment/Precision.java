package imago.model.experiment;

import java.util.List;

/**
 * A precision target: replications are added until every listed metric's 95% CI half-width is
 * below {@code relative} times its mean (or the mean is 0 with a zero-width interval), up to
 * {@code maxReplications}.
 */
public record Precision(double relative, int maxReplications, List<String> metrics) {
    public Precision {
        metrics = List.copyOf(metrics);
        if (!(relative > 0)) {
            throw new IllegalArgumentException("relative: must be > 0 (was " + relative + ")");
        }
    }
}
