package imago.model.config;

import java.nio.file.Path;

/** A place in a config file: 1-based line and column; 0 when unknown. */
public record Location(String file, int line, int column) {

    public static Location of(Path file) {
        return new Location(file.toString(), 0, 0);
    }

    @Override
    public String toString() {
        if (line <= 0) {
            return file;
        }
        return file + ":" + line + ":" + column;
    }
}
