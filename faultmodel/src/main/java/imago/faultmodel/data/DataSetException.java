package imago.faultmodel.data;

/**
 * A data set that cannot be used. The message is one line: {@code file:line:col: column: problem}
 * (or {@code file: problem} when the whole file is wrong).
 */
public final class DataSetException extends RuntimeException {

    public DataSetException(String message) {
        super(message.replace('\n', ' ').replace('\r', ' '));
    }

    static DataSetException at(String file, int line, int col, String column, String problem) {
        return new DataSetException(file + ":" + line + ":" + col + ": " + column + ": " + problem);
    }

    static DataSetException of(String file, String problem) {
        return new DataSetException(file + ": " + problem);
    }
}
