package imago.experiments.cli;

/**
 * Loads slow-to-initialise libraries on a background thread while a command reads its config and
 * simulates: Tablesaw's {@code Table} scans the class path with ClassGraph when first touched
 * (about a second of CPU), which otherwise comes after the simulation, on the critical path.
 * Only commands that will write tables call it, so validate, plan and --help never pay for it.
 */
final class Preload {

    private Preload() {
    }

    static void tablesInBackground() {
        Thread t = new Thread(() -> {
            try {
                Class.forName("tech.tablesaw.api.Table");
            } catch (ClassNotFoundException | LinkageError e) {
                // the command itself will meet and report the problem when it needs the class
            }
        }, "imago-preload");
        t.setDaemon(true);
        t.start();
    }
}
