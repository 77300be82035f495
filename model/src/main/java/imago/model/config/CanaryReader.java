package imago.model.config;

import imago.model.plan.CanaryAnalysis;
import imago.model.strategy.CanaryStep;
import imago.model.strategy.Strategy;
import imago.model.upgrade.Upgrade;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads {@code strategy: {kind: canary, steps: [...]}} with Argo Rollouts' step spellings:
 * {@code setWeight: N}, {@code pause: S} (or {@code {duration: S}}, S in seconds or as {@code 30s},
 * {@code 5m}, {@code 1h}) and
 * {@code analysis: {metric, threshold, interval, count, failureLimit, inconclusiveLimit}}.
 */
final class CanaryReader {

    private static final Set<String> STEP_KINDS = Set.of("setWeight", "pause", "analysis");

    private CanaryReader() {
    }

    /** A step as read, with where it was, for the checks across steps. */
    private record Read(CanaryStep step, YamlNode node, String path) {
    }

    static Strategy.Canary canary(ConfigObject params, Upgrade upgrade) {
        boolean expandContract = ScenarioReader.expandContract(params, upgrade);
        upgrade.schema().filter(s -> !s.compatible() && !expandContract).ifPresent(s -> {
            String why = "upgrade.schema.compatible is false";
            if (!s.changes().isEmpty()) {
                int i = SchemaChangesReader.firstBreaking(s.changes());
                why = "upgrade.schema.changes[" + i + "], " + s.changes().get(i).kind() + " of " + s.changes().get(i).table()
                        + ", breaks the old version";
            }
            throw params.error("kind", "a canary needs a compatible schema change (" + why + "):"
                    + " old and new versions would share data neither can read; use imago or blue-green, which convert a copy,"
                    + " or expandContract: true");
        });
        if (!params.has("steps")) {
            throw params.error("steps", "required field is missing: a canary lists its steps (setWeight, pause, analysis)");
        }
        List<Read> steps = params.list("steps", CanaryReader::step);
        if (steps.isEmpty()) {
            throw params.error("steps", "must list at least one step, the last setWeight being 100");
        }
        Read lastWeight = null;
        for (Read r : steps) {
            if (r.step() instanceof CanaryStep.SetWeight w) {
                if (lastWeight != null && w.percent() <= ((CanaryStep.SetWeight) lastWeight.step()).percent()) {
                    throw ConfigObject.located(r.node(), r.path() + ".setWeight", "weights must increase (was " + w.percent()
                            + " after " + ((CanaryStep.SetWeight) lastWeight.step()).percent() + ")");
                }
                lastWeight = r;
            }
        }
        if (lastWeight == null) {
            throw params.error("steps", "has no setWeight: a canary must end with setWeight: 100");
        }
        int last = ((CanaryStep.SetWeight) lastWeight.step()).percent();
        if (last != 100) {
            throw ConfigObject.located(lastWeight.node(), lastWeight.path() + ".setWeight", "the last setWeight must be 100 (was "
                    + last + "): a canary ends with all traffic on the new version");
        }
        return new Strategy.Canary(steps.stream().map(Read::step).toList(), params.number("readinessDelay", 10, 0, false),
                params.bool("abortOnFault", false), expandContract);
    }

    private static Read step(YamlNode n, String p) {
        ConfigObject o = ConfigObject.of(n, p);
        Set<String> keys = o.underlying().keys().keySet();
        List<String> kinds = new ArrayList<>(keys.stream().filter(STEP_KINDS::contains).sorted().toList());
        if (kinds.size() != 1) {
            throw ConfigObject.located(n, p, "a step must be exactly one of setWeight, pause or analysis (was "
                    + (keys.isEmpty() ? "empty" : String.join(", ", keys.stream().sorted().toList())) + ")");
        }
        String kind = kinds.getFirst();
        YamlNode v = o.underlying().values().get(kind);
        String vp = o.path(kind);
        CanaryStep step = switch (kind) {
            case "setWeight" -> {
                long w = ConfigObject.asInteger(v, vp);
                if (w < 0 || w > 100) {
                    throw ConfigObject.located(v, vp, "must be in 0..100 (was " + w + ")");
                }
                yield new CanaryStep.SetWeight((int) w);
            }
            case "pause" -> new CanaryStep.Pause(pauseSeconds(v, vp));
            default -> new CanaryStep.Analysis(analysis(v, vp));
        };
        o.node(kind);
        o.done();
        return new Read(step, n, p);
    }

    /** {@code pause: S} or {@code pause: {duration: S}}; never open-ended, as nobody would resume it. */
    private static double pauseSeconds(YamlNode v, String vp) {
        String noHuman = "a pause needs a duration in seconds > 0: nobody is there to resume an open-ended pause";
        if (v instanceof YamlNode.Scalar s && s.type() == YamlNode.ScalarType.NULL) {
            throw ConfigObject.located(v, vp, noHuman);
        }
        double seconds;
        if (v instanceof YamlNode.Mapping) {
            ConfigObject d = ConfigObject.of(v, vp);
            if (!d.has("duration")) {
                throw ConfigObject.located(v, vp, noHuman);
            }
            seconds = duration(d.require("duration"), d.path("duration"));
            d.done();
        } else {
            seconds = duration(v, vp);
        }
        if (!(seconds > 0)) {
            throw ConfigObject.located(v, vp, noHuman + " (was " + ConfigObject.fmt(seconds) + ")");
        }
        return seconds;
    }

    /** Seconds, as a number or as Argo writes a duration: {@code 30s}, {@code 5m}, {@code 1h}. */
    private static double duration(YamlNode n, String p) {
        if (n instanceof YamlNode.Scalar s && s.type() == YamlNode.ScalarType.STRING) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+(?:\\.\\d+)?)([smh])").matcher(s.text().strip());
            if (!m.matches()) {
                throw ConfigObject.located(n, p, "must be seconds or a duration such as 30s, 5m or 1h (was '" + s.text() + "')");
            }
            int unit = switch (m.group(2)) {
                case "s" -> 1;
                case "m" -> 60;
                default -> 3600;
            };
            return Double.parseDouble(m.group(1)) * unit;
        }
        return ConfigObject.asNumber(n, p);
    }

    private static CanaryAnalysis analysis(YamlNode v, String vp) {
        ConfigObject a = ConfigObject.of(v, vp);
        CanaryAnalysis.Metric metric = a.choice("metric", CanaryAnalysis.Metric.values(), CanaryAnalysis.Metric::configName, null);
        double threshold = a.requiredNumber("threshold", 0, false);
        if (metric == CanaryAnalysis.Metric.ERROR_RATE && threshold > 1) {
            throw a.error("threshold", "an error rate is a share of requests: must be in [0, 1] (was " + ConfigObject.fmt(threshold) + ")");
        }
        double interval = duration(a.require("interval"), a.path("interval"));
        if (!(interval > 0)) {
            throw a.error("interval", "must be > 0 (was " + ConfigObject.fmt(interval) + ")");
        }
        int count = (int) Math.min(Integer.MAX_VALUE, a.requiredInteger("count", 1));
        int failureLimit = a.smallInteger("failureLimit", 0, 0);
        int inconclusiveLimit = a.smallInteger("inconclusiveLimit", 0, 0);
        a.done();
        return new CanaryAnalysis(metric, threshold, interval, count, failureLimit, inconclusiveLimit);
    }
}
