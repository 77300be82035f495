package imago.experiments.cli;

/** Input the user must fix that is not a config field: an option value, an output folder, ... */
public final class BadInputException extends RuntimeException {
    public BadInputException(String message) {
        super(message);
    }
}
