package imago.model.metrics;

import java.util.List;

/**
 * How production felt the upgrade's faults and breakages, defined once for both backends
 * (DESIGN §3): {@code blast_radius} and {@code time_to_detect_s}.
 */
public final class Exposure {

    private Exposure() {
    }

    /**
     * Production requests in the window harmed by a fault or by the new version: those that failed
     * other than by the plan's intent (a planned outage, a read-only copy, a switch hold), which
     * covers injected faults, broken hidden dependencies, visible races and the recovery's own
     * disruption, plus those answered wrongly without failing (silent races).
     *
     * @param unplannedFailures requests of the window that failed, not on the plan's behalf
     * @param wrongAnswers      requests of the window answered wrongly without failing
     */
    public static long blastRadius(long unplannedFailures, long wrongAnswers) {
        if (unplannedFailures < 0 || wrongAnswers < 0) {
            throw new IllegalArgumentException("counts must be >= 0 (were " + unplannedFailures + ", " + wrongAnswers + ")");
        }
        return unplannedFailures + wrongAnswers;
    }

    /** One fault that reached production: when it started serving and when the monitor detected it (NaN: never). */
    public record Detection(double reachedS, double detectedS) {
    }

    /**
     * The mean over the faults that reached production and that the production monitor detected of
     * the seconds from reaching production to the detection; NaN when it detected none (no fault
     * reached production, or none that it could see). Faults removed without being detected (by a
     * rollback another detection caused, or by the window's end) are left out, so read it with
     * {@code faults_reached_production}.
     */
    public static double timeToDetectS(List<Detection> faults) {
        double sum = 0;
        int n = 0;
        for (Detection d : faults) {
            if (!Double.isNaN(d.reachedS()) && !Double.isNaN(d.detectedS())) {
                sum += d.detectedS() - d.reachedS();
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }
}
