package imago.experiments.simvsreal;

/** A folder that is not a complete record of real runs: the message says which file is missing. */
public final class IncompleteRealRuns extends RuntimeException {
    IncompleteRealRuns(String message) {
        super(message);
    }
}
