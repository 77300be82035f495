package imago.experiments.lint;

import imago.model.config.ExperimentLoader;
import imago.model.config.YamlTree;
import imago.model.experiment.Experiment;
import imago.model.experiment.Scenario;
import imago.model.plan.Plan;
import imago.model.plan.PlanCompiler;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * {@code imago lint}: finds upgrade hazards in a config from its topology, upgrade, workload and each
 * scenario's compiled plan, without running anything.
 */
public final class Linter {

    /** Every rule, in the order the README documents them. */
    static List<Rule> rules() {
        List<Rule> rules = new java.util.ArrayList<>(List.of(new RollingIncompatibleSchema(), new SyncCannotConverge(),
                new RaceWithoutDrain(), new KeepOldShorterThanDetection(), new SharedHostLibrary(),
                new SurgeAndUnavailableZero(), new CanaryNeverReaches100(), new AnalysisCannotFail()));
        rules.addAll(SchemaOpRule.all());
        return List.copyOf(rules);
    }

    /** The rules' names and doc lines, for the README and {@code --help}. */
    public static List<String[]> documentation() {
        return rules().stream().map(r -> new String[]{r.name(), r.doc()}).toList();
    }

    private Linter() {
    }

    /**
     * Lints {@code config} (only {@code scenario} when given); bad input throws the loader's
     * ConfigException, or IllegalArgumentException for an unknown scenario.
     */
    public static List<Finding> lint(Path config, Optional<String> scenario) {
        Experiment e = ExperimentLoader.load(config);
        List<Scenario> chosen = new ArrayList<>();
        List<Integer> indices = new ArrayList<>();
        for (int i = 0; i < e.scenarios().size(); i++) {
            if (scenario.isEmpty() || scenario.get().equals(e.scenarios().get(i).name())) {
                chosen.add(e.scenarios().get(i));
                indices.add(i);
            }
        }
        if (chosen.isEmpty()) {
            throw new IllegalArgumentException("no scenario '" + scenario.orElse("") + "' in " + config + " (it has "
                    + String.join(", ", e.scenarios().stream().map(Scenario::name).toList()) + ")");
        }
        return lint(config, e, chosen, indices);
    }

    /**
     * Lints {@code scenarios} of {@code e} (a grid point's, say), which stand at {@code indices} of
     * the scenarios of {@code config}, where findings point.
     */
    public static List<Finding> lint(Path config, Experiment e, List<Scenario> scenarios, List<Integer> indices) {
        PlanCompiler compiler = new PlanCompiler(e.topology(), e.workload(), e.upgrade());
        List<Plan> plans = scenarios.stream().map(s -> compiler.compile(s.name(), s.strategy())).toList();
        Subject subject = new Subject(e, scenarios, indices, plans, new Locator(YamlTree.read(config)));
        List<Finding> out = new ArrayList<>();
        for (Rule r : rules()) {
            out.addAll(r.check(subject));
        }
        out.sort(Comparator.comparingInt((Finding f) -> f.location().line()).thenComparingInt(f -> f.location().column())
                .thenComparing(Finding::rule));
        return out;
    }
}
