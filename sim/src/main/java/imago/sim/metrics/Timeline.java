package imago.sim.metrics;

import imago.model.metrics.TimelineBin;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Per-second counters of the observation window, in primitive arrays that grow as the window
 * does (its length is known only when the plan ends). Requests are counted in the bin of the
 * second they were sent; their failures are split into planned and unplanned ones.
 */
public final class Timeline {

    private int[] offered = new int[1024];
    private int[] succeeded = new int[1024];
    private int[] planned = new int[1024];
    private int[] unplanned = new int[1024];
    private double[] share = new double[1024];
    private int shareFilled; // bins [0, shareFilled) have their share at bin end
    private double currentShare;

    private void ensure(int bin) {
        if (bin >= offered.length) {
            int n = Math.max(bin + 1, offered.length * 2);
            offered = Arrays.copyOf(offered, n);
            succeeded = Arrays.copyOf(succeeded, n);
            planned = Arrays.copyOf(planned, n);
            unplanned = Arrays.copyOf(unplanned, n);
            share = Arrays.copyOf(share, n);
        }
    }

    public void offered(int bin) {
        ensure(bin);
        offered[bin]++;
    }

    public void succeeded(int bin) {
        succeeded[bin]++;
    }

    public void failed(int bin, boolean plannedFailure) {
        if (plannedFailure) {
            planned[bin]++;
        } else {
            unplanned[bin]++;
        }
    }

    /**
     * The new-version share changes to {@code value} at window time {@code t}: every bin that
     * ended at or before {@code t} keeps the previous value.
     */
    public void share(double t, double value) {
        fillShareUntil(t);
        currentShare = value;
    }

    private void fillShareUntil(double t) {
        int end = (int) Math.floor(t); // bins s with s + 1 <= t
        if (end > shareFilled) {
            ensure(end);
            Arrays.fill(share, shareFilled, end, currentShare);
            shareFilled = end;
        }
    }

    /** The summary of bins [0, ceil(length)). */
    public Summary summarize(double length) {
        int bins = Math.max(0, (int) Math.ceil(length - 1e-9));
        ensure(bins);
        fillShareUntil(bins);
        List<TimelineBin> out = new ArrayList<>(bins);
        double unavailable = 0, plannedS = 0, unplannedS = 0;
        long off = 0, ok = 0;
        for (int s = 0; s < bins; s++) {
            int failed = planned[s] + unplanned[s];
            out.add(new TimelineBin(s, offered[s], succeeded[s], failed, share[s]));
            off += offered[s];
            ok += succeeded[s];
            if (offered[s] > 0 && failed > 0) {
                double u = 1.0 - (double) succeeded[s] / offered[s];
                unavailable += u;
                // DESIGN §3: a bin's unavailability is split in proportion to its failure causes.
                plannedS += u * planned[s] / failed;
                unplannedS += u * unplanned[s] / failed;
            }
        }
        return new Summary(out, off, ok, unavailable, plannedS, unplannedS);
    }

    public record Summary(List<TimelineBin> bins, long offered, long succeeded, double unavailableS,
                          double plannedS, double unplannedS) {
    }
}
