package imago.experiments.report;

/** Charts render off screen: batch runs and CI machines have no display. */
final class Headless {

    private Headless() {
    }

    /**
     * Asks AWT for headless mode unless the caller chose otherwise. It only takes effect before
     * AWT starts, so every entry point that touches AWT calls it first.
     */
    static void ensure() {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }
}
