package imago.experiments.cli;

import imago.experiments.run.PartialStore;
import imago.experiments.run.RunLock;
import imago.model.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;

/** The {@code imago} command line. Bad input: one line on stderr and exit code 2. */
@Command(name = "imago",
        mixinStandardHelpOptions = true,
        scope = CommandLine.ScopeType.INHERIT, // --help and --version on every subcommand too
        versionProvider = ImagoCli.Version.class,
        description = "Study dependable online upgrades: plan, simulate and compare upgrade strategies.",
        subcommands = {ValidateCommand.class, PlanCommand.class, RunCommand.class, MergeCommand.class, FaultModelCommand.class,
                ReproduceCommand.class, SimVsRealCommand.class, BenchCommand.class, AdviseCommand.class, LintCommand.class,
                CommandLine.HelpCommand.class})
public final class ImagoCli implements Runnable {

    /** Exit code for input the user must fix: a bad config, option or file. */
    public static final int BAD_INPUT = 2;

    @Option(names = "--verbose", description = "Show stack traces and progress details.", scope = CommandLine.ScopeType.INHERIT)
    boolean verbose;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required (try imago --help)");
    }

    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the CLI with the given streams and returns the exit code (for tests and main). */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        ImagoCli root = new ImagoCli();
        CommandLine cl = new CommandLine(root);
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((ex, line, parsed) -> {
            boolean verbose = root.verbose;
            if (ex instanceof ConfigException || ex instanceof BadInputException || ex instanceof RunLock.HeldException
                    || ex instanceof PartialStore.ForeignPartialException) {
                err.println("imago: " + ex.getMessage());
                if (verbose) {
                    ex.printStackTrace(err);
                }
                return BAD_INPUT;
            }
            if (ex instanceof imago.executor.ExecutorException || ex instanceof java.util.concurrent.CancellationException) {
                // A real run failed to set up or was stopped; everything it started is released.
                err.println("imago: executor: " + ex.getMessage());
                if (verbose) {
                    ex.printStackTrace(err);
                }
                return 1;
            }
            err.println("imago: internal error: " + ex);
            if (verbose) {
                ex.printStackTrace(err);
            } else {
                err.println("imago: run with --verbose for the stack trace");
            }
            return 1;
        });
        cl.setParameterExceptionHandler((ex, args1) -> {
            err.println("imago: " + ex.getMessage());
            err.println("imago: see '" + ex.getCommandLine().getCommandName() + " --help'");
            return BAD_INPUT;
        });
        return cl.execute(args);
    }

    /** The version from the jar's manifest, or {@code dev} when run from classes. */
    static String version() {
        String v = ImagoCli.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[]{"imago " + version() + " (Java " + Runtime.version() + ")"};
        }
    }
}
