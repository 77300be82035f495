package imago.model.workload;

import java.util.List;

/** How requests arrive: an open process, so that downtime does not slow the offered load. */
public sealed interface Arrivals permits Arrivals.Poisson, Arrivals.Profile {

    /** The arrival rate (requests/s) at time {@code t} seconds from the window's start. */
    double rateAt(double t);

    /** The highest rate, for thinning. */
    double maxRate();

    /** The long-run mean rate over {@code [0, horizon]}. */
    double meanRate(double horizon);

    record Poisson(double rate) implements Arrivals {
        public Poisson {
            if (!(rate > 0)) {
                throw new IllegalArgumentException("rate: must be > 0 (was " + rate + ")");
            }
        }

        @Override public double rateAt(double t) { return rate; }
        @Override public double maxRate() { return rate; }
        @Override public double meanRate(double horizon) { return rate; }
    }

    /** A piecewise-constant rate: each point holds from its time until the next point's. */
    record Profile(List<RatePoint> points) implements Arrivals {
        public Profile {
            points = List.copyOf(points);
            if (points.isEmpty()) {
                throw new IllegalArgumentException("profile: must not be empty");
            }
        }

        @Override
        public double rateAt(double t) {
            double r = points.getFirst().rate();
            for (RatePoint p : points) {
                if (p.at() <= t) {
                    r = p.rate();
                }
            }
            return r;
        }

        @Override
        public double maxRate() {
            return points.stream().mapToDouble(RatePoint::rate).max().orElse(0);
        }

        @Override
        public double meanRate(double horizon) {
            if (horizon <= 0) {
                return rateAt(0);
            }
            double sum = 0;
            for (int i = 0; i < points.size(); i++) {
                double from = i == 0 ? 0 : Math.min(points.get(i).at(), horizon);
                double to = i + 1 < points.size() ? Math.min(points.get(i + 1).at(), horizon) : horizon;
                sum += points.get(i).rate() * Math.max(0, to - from);
            }
            return sum / horizon;
        }
    }

    record RatePoint(double at, double rate) {
    }
}
