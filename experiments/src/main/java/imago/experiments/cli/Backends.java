package imago.experiments.cli;

import imago.executor.ExecutorException;
import imago.executor.testbed.BiddingTestbed;
import imago.experiments.run.Backend;
import imago.experiments.run.ExecutorBackend;
import imago.experiments.run.SimBackend;
import imago.model.experiment.Experiment;

import java.nio.file.Path;
import java.util.function.Consumer;

/** The backends a run can use, by their config name. */
public final class Backends {
    private Backends() {
    }

    /** The simulator. */
    public static Backend sim() {
        return new SimBackend();
    }

    /**
     * The backend {@code name} for experiment {@code e}; the executor keeps its raw logs under
     * {@code dir/runs/}. An experiment the executor cannot run is rejected here, before anything
     * is written.
     */
    public static Backend named(String name, Experiment e, Path dir, Consumer<String> notes) {
        return switch (name) {
            case "sim" -> sim();
            case "executor" -> {
                try {
                    BiddingTestbed.validate(e);
                } catch (ExecutorException x) {
                    throw new BadInputException(x.getMessage());
                }
                yield new ExecutorBackend(dir.resolve("runs"), notes);
            }
            default -> throw new BadInputException("--backend: must be sim or executor (was '" + name + "')");
        };
    }
}
