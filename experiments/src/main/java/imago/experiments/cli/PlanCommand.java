package imago.experiments.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import imago.model.config.ExperimentLoader;
import imago.model.experiment.Experiment;
import imago.model.experiment.Scenario;
import imago.model.plan.Plan;
import imago.model.plan.PlanCompiler;
import imago.model.plan.PlannedStep;
import imago.model.plan.Step;
import imago.model.strategy.Fenceposts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "plan", description = "Print the plan each scenario's strategy compiles to.")
final class PlanCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "CONFIG", description = "The experiment YAML file.")
    Path config;

    @Option(names = "--scenario", paramLabel = "NAME", description = "Only this scenario.")
    String scenario;

    @Option(names = "--json", description = "Print JSON instead of tables.")
    boolean json;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Experiment e = ExperimentLoader.load(config);
        List<Scenario> scenarios = Scenarios.select(e, scenario);
        PlanCompiler compiler = new PlanCompiler(e.topology(), e.workload(), e.upgrade());
        List<Plan> plans = scenarios.stream().map(s -> compiler.compile(s.name(), s.strategy())).toList();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            out.println(mapper.writeValueAsString(plans.stream().map(p -> asJson(p, compiler.rollout(p.strategy()))).toList()));
        } else {
            for (Plan p : plans) {
                printTable(out, p, compiler.rollout(p.strategy()));
            }
        }
        out.flush();
        return 0;
    }

    /** The plan as a table, headed by its rollout's resolved knobs per tier ({@code rollout}, empty if it does not roll). */
    static void printTable(PrintWriter out, Plan p, Map<String, Fenceposts> rollout) {
        out.printf("Scenario %s (%s): %d steps in %d groups, expected %s%n", p.scenario(), p.strategy().kind(),
                p.steps().size(), p.groups().size(), Durations.format(p.expectedSeconds()));
        if (!rollout.isEmpty()) {
            List<String> tiers = new ArrayList<>();
            rollout.forEach((t, f) -> tiers.add(t + " maxSurge " + f.surge() + ", maxUnavailable " + f.unavailable()));
            out.printf("Rollout: %s%s%n", String.join("; ", tiers), p.recovery().progressDeadline()
                    .map(d -> "; progress deadline " + Durations.format(d.seconds()) + (d.abort() ? " (abort)" : " (report)"))
                    .orElse(""));
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[]{"#", "group", "step", "targets", "universe", "expected"});
        for (PlannedStep s : p.steps()) {
            rows.add(new String[]{Integer.toString(s.number()), Integer.toString(s.group()), describe(s.step()),
                    s.step().targets().isEmpty() ? "-" : String.join(",", s.step().targets()),
                    s.step().universe().configName(), Durations.format(s.step().expectedSeconds())});
        }
        Tables.print(out, rows);
        out.println();
    }

    static String describe(Step step) {
        return switch (step) {
            case Step.ConvertData c -> c.kind().configName() + (c.online() ? " (online" : " (offline") + switch (c.phase()) {
                case FULL -> ")";
                case EXPAND -> ", expand)";
                case CONTRACT -> ", contract)";
            };
            case Step.SyncData s -> s.kind().configName() + (s.converges() ? "" : " (never converges)");
            case Step.RuntimeTest t -> t.kind().configName() + " (coverage " + t.coverage() + ")";
            case Step.Switch s -> s.kind().configName() + (s.drainSessions() ? " (drain sessions)" : "");
            case Step.Start s -> s.kind().configName() + (s.readinessDelayS() > 0 ? " (+" + Durations.format(s.readinessDelayS()) + " ready)" : "");
            case Step.Provision p -> p.kind().configName();
            case Step.Drain d -> d.kind().configName();
            case Step.Wait w -> w.kind().configName();
            case Step.Stop s -> s.kind().configName();
            case Step.Install i -> i.kind().configName();
            case Step.Configure c -> c.kind().configName();
            case Step.Retire r -> r.kind().configName();
            case Step.Rollback r -> r.kind().configName();
            case Step.SetWeight w -> w.kind().configName() + " " + w.percent() + "%";
            case Step.Analysis a -> a.kind().configName() + " (" + a.analysis().metric().configName() + " > "
                    + a.analysis().threshold() + " fails; " + a.analysis().count() + " x " + Durations.format(a.analysis().intervalS())
                    + ", failureLimit " + a.analysis().failureLimit() + ")";
        };
    }

    static Map<String, Object> asJson(Plan p, Map<String, Fenceposts> rollout) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("scenario", p.scenario());
        m.put("strategy", p.strategy().kind());
        m.put("expectedSeconds", finiteOrNull(p.expectedSeconds()));
        if (!rollout.isEmpty()) {
            Map<String, Object> r = new LinkedHashMap<>();
            rollout.forEach((t, f) -> {
                Map<String, Object> knobs = new LinkedHashMap<>();
                knobs.put("maxSurge", f.surge());
                knobs.put("maxUnavailable", f.unavailable());
                r.put(t, knobs);
            });
            m.put("rollout", r);
            p.recovery().progressDeadline().ifPresent(d -> {
                Map<String, Object> pd = new LinkedHashMap<>();
                pd.put("seconds", d.seconds());
                pd.put("abort", d.abort());
                m.put("progressDeadline", pd);
            });
        }
        List<Map<String, Object>> steps = new ArrayList<>();
        for (PlannedStep s : p.steps()) {
            Map<String, Object> sm = new LinkedHashMap<>();
            sm.put("number", s.number());
            sm.put("group", s.group());
            sm.put("step", s.step().kind().configName());
            sm.put("universe", s.step().universe().configName());
            sm.put("targets", s.step().targets());
            sm.put("expectedSeconds", finiteOrNull(s.step().expectedSeconds()));
            steps.add(sm);
        }
        m.put("steps", steps);
        return m;
    }

    /** JSON has no infinity: a plan that never ends has no expected duration. */
    private static Double finiteOrNull(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
