package imago.experiments.simvsreal;

import java.io.IOException;
import java.nio.file.Path;

/** Lets the command's tests copy the saved real runs (the copy lives with RealRunsTest). */
public final class RealRunsTestAccess {
    private RealRunsTestAccess() {
    }

    public static Path copy(Path to) throws IOException {
        return RealRunsTest.copy(to);
    }
}
