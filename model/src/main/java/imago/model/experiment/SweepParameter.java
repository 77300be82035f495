package imago.model.experiment;

import imago.model.strategy.Fenceposts;
import imago.model.strategy.IntOrPercent;
import imago.model.plan.CanaryAnalysis;
import imago.model.strategy.CanaryStep;
import imago.model.strategy.Strategy;
import imago.model.strategy.TierKnob;
import imago.model.upgrade.SchemaChange;
import imago.model.upgrade.Upgrade;
import imago.model.workload.Arrivals;
import imago.model.workload.AsyncInteractions;
import imago.model.workload.Workload;

import java.util.Arrays;
import java.util.Optional;

/**
 * A parameter a sweep can vary. Strategy parameters apply only to scenarios of that strategy;
 * the others apply to every scenario.
 */
public enum SweepParameter {
    ROLLING_MAX_UNAVAILABLE("rolling.maxUnavailable", "rolling", true),
    ROLLING_MAX_SURGE("rolling.maxSurge", "rolling", true),
    ROLLING_READINESS_DELAY("rolling.readinessDelay", "rolling", false),
    IMAGO_TEST_COVERAGE("imago.testCoverage", "imago", false),
    IMAGO_TEST_DURATION("imago.testDuration", "imago", false),
    /** The first {@code setWeight} of a canary: the share of sessions it exposes first. */
    CANARY_FIRST_WEIGHT("canary.firstWeight", "canary", true),
    /** The threshold of every analysis of a canary. */
    CANARY_THRESHOLD("canary.threshold", "canary", false),
    UPGRADE_ROWS("upgrade.rows", "", true),
    UPGRADE_CONVERSION_RATE("upgrade.conversionRate", "", false),
    WORKLOAD_RATE("workload.rate", "", false),
    WORKLOAD_ASYNC_FRACTION("workload.asyncFraction", "", false);

    private final String configName;
    private final String strategy;
    private final boolean whole;

    SweepParameter(String configName, String strategy, boolean whole) {
        this.configName = configName;
        this.strategy = strategy;
        this.whole = whole;
    }

    public String configName() {
        return configName;
    }

    /** The short label used in arm names: {@code maxUnavailable=2}. */
    public String shortName() {
        return configName.substring(configName.indexOf('.') + 1);
    }

    /** Whether it is a knob of a strategy (rather than of the system, the upgrade or the load). */
    public boolean strategyKnob() {
        return !strategy.isEmpty();
    }

    /** Whether values must be whole numbers. */
    public boolean whole() {
        return whole;
    }

    public static Optional<SweepParameter> parse(String name) {
        return Arrays.stream(values()).filter(p -> p.configName.equals(name)).findFirst();
    }

    /** Whether the parameter changes anything for this scenario. */
    public boolean appliesTo(Scenario s) {
        return strategy.isEmpty() || s.strategy().kind().equals(strategy);
    }

    /**
     * The arm with this parameter set to {@code v}; throws IllegalArgumentException when the value
     * is invalid for it.
     */
    public Arm apply(Arm arm, double v) {
        Experiment e = arm.experiment();
        Scenario s = arm.scenario();
        if (whole && v != Math.rint(v)) {
            throw new IllegalArgumentException("must be a whole number (was " + v + ")");
        }
        Scenario scenario = s;
        Upgrade u = e.upgrade();
        Workload w = e.workload();
        switch (this) {
            case ROLLING_MAX_UNAVAILABLE, ROLLING_MAX_SURGE, ROLLING_READINESS_DELAY -> {
                Strategy.Rolling r = (Strategy.Rolling) s.strategy();
                if (v < 0) {
                    throw new IllegalArgumentException("must be >= 0 (was " + v + ")");
                }
                TierKnob knob = TierKnob.all(IntOrPercent.count((int) v));
                r = switch (this) {
                    case ROLLING_MAX_UNAVAILABLE -> r.withMaxUnavailable(knob);
                    case ROLLING_MAX_SURGE -> r.withMaxSurge(knob);
                    default -> r.withReadinessDelay(v);
                };
                for (String t : u.tiers()) {
                    Optional<String> why = Fenceposts.invalid(r.maxSurge().of(t), r.maxUnavailable().of(t));
                    if (why.isPresent()) {
                        throw new IllegalArgumentException(why.get());
                    }
                }
                scenario = s.withStrategy(r);
            }
            case IMAGO_TEST_COVERAGE, IMAGO_TEST_DURATION -> {
                Strategy.Imago i = (Strategy.Imago) s.strategy();
                if (this == IMAGO_TEST_COVERAGE && !(v >= 0 && v <= 1)) {
                    throw new IllegalArgumentException("must be in [0, 1] (was " + v + ")");
                }
                if (v < 0) {
                    throw new IllegalArgumentException("must be >= 0 (was " + v + ")");
                }
                i = this == IMAGO_TEST_COVERAGE
                        ? new Strategy.Imago(v, i.testDurationS(), i.drainSessions(), i.switchHoldS(), i.keepOldS())
                        : new Strategy.Imago(i.testCoverage(), v, i.drainSessions(), i.switchHoldS(), i.keepOldS());
                scenario = s.withStrategy(i);
            }
            case CANARY_FIRST_WEIGHT, CANARY_THRESHOLD -> scenario = s.withStrategy(canary((Strategy.Canary) s.strategy(), v));
            case UPGRADE_ROWS, UPGRADE_CONVERSION_RATE -> {
                SchemaChange sc = u.schema().orElseThrow(() -> new IllegalArgumentException("the upgrade has no schema change to vary"));
                if (!(v > 0)) {
                    throw new IllegalArgumentException("must be > 0 (was " + v + ")");
                }
                sc = this == UPGRADE_ROWS
                        ? sc.with((long) v, sc.conversionRate())
                        : sc.with(sc.rows(), v);
                u = new Upgrade(u.fromVersion(), u.toVersion(), u.tiers(), Optional.of(sc), u.directives(),
                        u.libraries(), u.interfaces(), u.movedLocations(), u.stepTimes(), u.faultyStartTimes());
            }
            case WORKLOAD_RATE -> {
                if (!(w.arrivals() instanceof Arrivals.Poisson)) {
                    throw new IllegalArgumentException("only a constant-rate (Poisson) workload can be swept");
                }
                if (!(v > 0)) {
                    throw new IllegalArgumentException("must be > 0 (was " + v + ")");
                }
                w = new Workload(new Arrivals.Poisson(v), w.sessions(), w.mix(), w.async(), w.timeoutS());
            }
            case WORKLOAD_ASYNC_FRACTION -> {
                AsyncInteractions a = w.async();
                if (!(v >= 0 && v <= 1)) {
                    throw new IllegalArgumentException("must be in [0, 1] (was " + v + ")");
                }
                if (v > 0 && a.interfaceName().isEmpty()) {
                    throw new IllegalArgumentException("workload.async.interface must be set to sweep the async fraction");
                }
                w = new Workload(w.arrivals(), w.sessions(), w.mix(),
                        a.withFraction(v),
                        w.timeoutS());
            }
        }
        java.util.Map<String, Double> point = new java.util.LinkedHashMap<>(arm.point());
        point.put(configName, v);
        return new Arm(arm.label(), point, new Experiment(e.name(), e.source(), e.topology(), w, u, e.scenarios(),
                e.replications(), e.seed(), e.preS(), e.postS(), e.maxSimulatedS(), e.sweeps(), e.precision(),
                e.backend(), e.executor(), e.monitor()), scenario);
    }

    /** The canary with this parameter at {@code v}; IllegalArgumentException when the steps would not be a canary then. */
    private Strategy.Canary canary(Strategy.Canary c, double v) {
        java.util.List<CanaryStep> steps = new java.util.ArrayList<>();
        boolean weightSet = false;
        for (CanaryStep step : c.steps()) {
            if (this == CANARY_FIRST_WEIGHT && !weightSet && step instanceof CanaryStep.SetWeight) {
                steps.add(new CanaryStep.SetWeight((int) v));
                weightSet = true;
            } else if (this == CANARY_THRESHOLD && step instanceof CanaryStep.Analysis a) {
                if (!(v >= 0)) {
                    throw new IllegalArgumentException("must be >= 0 (was " + v + ")");
                }
                CanaryAnalysis x = a.analysis();
                steps.add(new CanaryStep.Analysis(new CanaryAnalysis(x.metric(), v, x.intervalS(), x.count(), x.failureLimit(),
                        x.inconclusiveLimit())));
            } else {
                steps.add(step);
            }
        }
        // The canary's own checks (weights in 0..100, increasing, ending at 100) say when v does not fit.
        return new Strategy.Canary(steps, c.readinessDelayS(), c.abortOnFault(), c.expandContract());
    }
}
