package imago.model.fault;

import imago.model.plan.StepKind;
import imago.model.plan.Universe;

import java.util.Optional;

/**
 * A fault given in a scenario, e.g. {@code fault: {type: 3, step: Start, target: app-2}}: it is
 * injected at the first step of kind {@code step} (in {@code universe}, when given) that targets
 * {@code target}, by the simulator and by the real executor alike. On the executor each type has a
 * real mechanism:
 * <ol>
 *   <li>a typo in the new version's configured database port;</li>
 *   <li>a directive with the wrong meaning: the new {@code db.pool.size} set to 0;</li>
 *   <li>at Install, a conflicting jar (v1's older Gson) first on the new version's classpath; at
 *       Provision, Configure or Start, the new server's port already taken by another process;</li>
 *   <li>data access: a skipped migration step (at ConvertData/SyncData) or revoked table privileges
 *       (at any other step).</li>
 * </ol>
 */
public record FaultInjection(FaultType type, StepKind step, String target, Optional<Universe> universe) {

    public FaultInjection {
        if (!target.matches("[A-Za-z][A-Za-z0-9_.]*-[0-9]+")) {
            throw new IllegalArgumentException("fault target must be a node name such as app-2 (was '" + target + "')");
        }
        switch (type) {
            case SIMPLE_CONFIG, SEMANTIC_CONFIG, BROKEN_ENVIRONMENT -> {
                if (step != StepKind.PROVISION && step != StepKind.INSTALL && step != StepKind.CONFIGURE
                        && step != StepKind.START) {
                    throw new IllegalArgumentException("a type " + type.number()
                            + " fault is injected at Provision, Install, Configure or Start (was " + step.configName() + ")");
                }
            }
            case DATA_ACCESS -> {
                if (step == StepKind.RUNTIME_TEST || step == StepKind.SWITCH || step == StepKind.ROLLBACK) {
                    throw new IllegalArgumentException("a type 4 fault is injected at a step that acts on nodes (was "
                            + step.configName() + ")");
                }
            }
        }
    }

    /** Whether {@code s} is a step this fault is injected at. */
    public boolean matches(imago.model.plan.PlannedStep s) {
        return s.step().kind() == step && s.step().targets().contains(target)
                && universe.map(u -> u == s.step().universe()).orElse(true);
    }

    public static FaultInjection of(int type, String step, String target) {
        return new FaultInjection(FaultType.ofNumber(type),
                StepKind.parse(step).orElseThrow(() -> new IllegalArgumentException("unknown step kind " + step)),
                target, Optional.empty());
    }

    @Override
    public String toString() {
        return "type " + type.number() + " at " + step.configName() + " on " + target
                + universe.map(u -> " (" + u.configName() + ")").orElse("");
    }
}
