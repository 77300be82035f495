package imago.model.health;

/**
 * When a started node is put in rotation, as a Kubernetes readiness probe with a success threshold:
 * after it has answered {@code successThreshold} consecutive probes, each within
 * {@code probeTimeoutS}, probing every {@code periodS}. A probe checks the process, not its data
 * path (a fault behind the process reaches production, as under Kubernetes); it also warms the
 * node with one request of each read kind, whose answers are not judged, so that a cold JVM's
 * first slow answers are not served to production and mistaken for a fault.
 *
 * @param successThreshold consecutive successful probes needed (Kubernetes' successThreshold)
 * @param periodS          seconds between probes
 * @param probeTimeoutS    a probe answered later than this fails (and restarts the count)
 */
public record Readiness(int successThreshold, double periodS, double probeTimeoutS) {

    public Readiness {
        if (successThreshold < 1) {
            throw new IllegalArgumentException("successThreshold must be >= 1 (was " + successThreshold + ")");
        }
        if (!(periodS > 0) || !(probeTimeoutS > 0)) {
            throw new IllegalArgumentException("period and probe timeout must be > 0 (were " + periodS + ", " + probeTimeoutS + ")");
        }
    }

    /** Three probes in a row, 0.1 s apart, each answered within 1 s. */
    public static Readiness defaults() {
        return new Readiness(3, 0.1, 1.0);
    }

    /** The count after one more probe: one up on success, back to zero on a failure. */
    public int next(int consecutive, boolean probeSucceeded) {
        return probeSucceeded ? consecutive + 1 : 0;
    }

    public boolean ready(int consecutive) {
        return consecutive >= successThreshold;
    }
}
