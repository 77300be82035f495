package imago.executor;

/** A run could not be carried out (a bad configuration, a process that would not start, ...). */
public final class ExecutorException extends RuntimeException {

    public ExecutorException(String message) {
        super(message);
    }

    public ExecutorException(String message, Throwable cause) {
        super(message, cause);
    }
}
