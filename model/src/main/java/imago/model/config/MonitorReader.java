package imago.model.config;

import imago.model.health.MonitorRule;

/**
 * Reads the optional {@code monitor:} section: the production monitor's rule, which both backends
 * apply ({@link MonitorRule}). Durations are seconds, spelled as elsewhere without a unit.
 */
final class MonitorReader {

    private MonitorReader() {
    }

    /** {@code monitor: {interval: 0.5, window: 2, minFailures: 5, threshold: 0.5, consecutive: 3}}; absent fields keep the defaults. */
    static MonitorRule monitor(ConfigObject m) {
        MonitorRule d = MonitorRule.defaults();
        double interval = m.number("interval", d.intervalS(), 0, true);
        double window = m.number("window", d.minWindowS(), 0, true);
        int minFailures = m.smallInteger("minFailures", d.minFailures(), 1);
        double threshold = m.number("threshold", d.threshold());
        if (!(threshold > 0 && threshold <= 1)) {
            throw m.error("threshold", "must be in (0, 1]: a share of the requests a node served (was " + ConfigObject.fmt(threshold) + ")");
        }
        int consecutive = m.smallInteger("consecutive", d.consecutive(), 1);
        m.done();
        return new MonitorRule(window, interval, minFailures, threshold, consecutive);
    }
}
