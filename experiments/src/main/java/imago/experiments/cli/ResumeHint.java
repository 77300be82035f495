package imago.experiments.cli;

import java.io.PrintWriter;

/**
 * While a run goes on, a shutdown hook that tells a user who presses Ctrl-C (or kills the run)
 * that nothing finished is lost: the same command resumes it. Closed when the run ends.
 */
final class ResumeHint implements AutoCloseable {

    private final Thread hook;

    ResumeHint(PrintWriter err, String where) {
        hook = new Thread(() -> {
            err.println();
            err.println("imago: interrupted; the finished replications are kept in " + where
                    + ": run the same command again to resume");
            err.flush();
        }, "imago-resume-hint");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is exiting: the hint is being printed
        }
    }
}
