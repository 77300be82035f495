package imago.experiments.cli;

import java.util.Locale;

/** Human-readable durations: 4.2 s, 3 min 20 s, 21 h 20 min. */
public final class Durations {
    private Durations() {
    }

    public static String format(double seconds) {
        if (!Double.isFinite(seconds)) {
            return "never";
        }
        if (seconds < 60) {
            return String.format(Locale.ROOT, seconds < 10 ? "%.1f s" : "%.0f s", seconds);
        }
        long s = Math.round(seconds);
        if (s < 3600) {
            return (s / 60) + " min " + (s % 60) + " s";
        }
        return (s / 3600) + " h " + (s % 3600) / 60 + " min";
    }
}
