package imago.executor.run;

import imago.executor.ingress.Backend;
import imago.executor.process.ManagedProcess;
import imago.model.plan.Universe;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The executor's view of one application node in one universe: where it lives, which version is
 * installed, whether its process runs. Mutable, owned by one run and changed by its steps.
 */
final class AppNode {

    final String name;
    final Universe universe;
    final Path dir;
    final int port;
    String version = "";
    Optional<ManagedProcess> process = Optional.empty();
    boolean inRotation;
    /** A configuration fault (type 1 or 2) its configuration is to be written with. */
    Optional<ConfigFault> configFault = Optional.empty();

    AppNode(String name, Universe universe, Path dir, int port) {
        this.name = name;
        this.universe = universe;
        this.dir = dir;
        this.port = port;
    }

    String id() {
        return universe.configName() + "/" + name;
    }

    Path jar() {
        return dir.resolve("app.jar");
    }

    /** Jars here come first on the node's classpath, ahead of {@link #jar()} (none normally). */
    Path lib() {
        return dir.resolve("lib");
    }

    Path config() {
        return dir.resolve("app.properties");
    }

    boolean running() {
        return process.map(ManagedProcess::alive).orElse(false);
    }

    Backend backend() {
        return new Backend(name, universe, version, port);
    }
}
