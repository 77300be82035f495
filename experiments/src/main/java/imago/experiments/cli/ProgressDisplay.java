package imago.experiments.cli;

import imago.experiments.run.Campaign;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.PrintWriter;

/** A progress bar with ETA on a terminal; plain lines (every 10%) when output goes to a file or CI log. */
abstract class ProgressDisplay implements Campaign.Listener, AutoCloseable {

    static ProgressDisplay create(PrintWriter err, String task) {
        var console = System.console();
        return console != null && console.isTerminal() ? new Bar(task) : new Lines(err, task);
    }

    @Override
    public abstract void close();

    private static final class Bar extends ProgressDisplay {
        private final ProgressBar bar;

        Bar(String task) {
            bar = new ProgressBarBuilder().setTaskName(task).setStyle(ProgressBarStyle.ASCII).setInitialMax(1).build();
        }

        @Override
        public synchronized void progress(int done, int total) {
            bar.maxHint(total);
            bar.stepTo(done);
        }

        @Override
        public void close() {
            bar.close();
        }
    }

    private static final class Lines extends ProgressDisplay {
        private final PrintWriter err;
        private final String task;
        private final long start = System.nanoTime();
        private int lastDecile = -1;

        Lines(PrintWriter err, String task) {
            this.err = err;
            this.task = task;
        }

        @Override
        public synchronized void progress(int done, int total) {
            int decile = total == 0 ? 10 : done * 10 / total;
            if (decile == lastDecile || done == 0) {
                return;
            }
            lastDecile = decile;
            double elapsed = (System.nanoTime() - start) / 1e9;
            double eta = elapsed / done * (total - done);
            err.printf("imago: %s: %d/%d runs (%d%%), %s elapsed, about %s left%n", task, done, total,
                    100 * done / Math.max(1, total), Durations.format(elapsed), Durations.format(eta));
            err.flush();
        }

        @Override
        public void close() {
        }
    }
}
