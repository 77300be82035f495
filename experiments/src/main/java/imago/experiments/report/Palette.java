package imago.experiments.report;

import java.awt.Color;

/** Colours of the charts: the Okabe-Ito palette, which stays distinct for colour-blind readers. */
final class Palette {

    static final Color BLUE = new Color(0x00, 0x72, 0xB2);
    static final Color VERMILLION = new Color(0xD5, 0x5E, 0x00);
    static final Color GREEN = new Color(0x00, 0x9E, 0x73);
    static final Color ORANGE = new Color(0xE6, 0x9F, 0x00);
    static final Color PURPLE = new Color(0xCC, 0x79, 0xA7);
    static final Color SKY = new Color(0x56, 0xB4, 0xE9);
    static final Color BLACK = new Color(0x22, 0x22, 0x22);
    static final Color YELLOW = new Color(0xF0, 0xE4, 0x42);
    static final Color GREY = new Color(0x88, 0x88, 0x88);
    static final Color LIGHT_GREY = new Color(0xDD, 0xDD, 0xDD);

    // Yellow last: it is hard to see on white.
    private static final Color[] SERIES = {BLUE, VERMILLION, GREEN, ORANGE, PURPLE, SKY, BLACK, YELLOW};

    // Reference figures (published numbers) are drawn in greys so they read as "not ours".
    private static final Color[] REFERENCE = {new Color(0x55, 0x55, 0x55), new Color(0x99, 0x99, 0x99),
            new Color(0xBB, 0xBB, 0xBB), new Color(0x33, 0x33, 0x33)};

    private Palette() {
    }

    /** The colour of the i-th series, cycling. */
    static Color series(int i) {
        return SERIES[Math.floorMod(i, SERIES.length)];
    }

    /** The colour of the i-th reference series, cycling. */
    static Color reference(int i) {
        return REFERENCE[Math.floorMod(i, REFERENCE.length)];
    }

    static Color[] seriesColors(int n) {
        Color[] c = new Color[n];
        for (int i = 0; i < n; i++) {
            c[i] = series(i);
        }
        return c;
    }

    /** {@code c} with the given opacity, 0..255. */
    static Color withAlpha(Color c, int alpha) {
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), alpha);
    }
}
