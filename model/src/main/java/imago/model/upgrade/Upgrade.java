package imago.model.upgrade;

import imago.model.dist.Dist;
import imago.model.fault.FaultType;
import imago.model.plan.StepKind;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What differs between the old and the new version, and how long each kind of step takes.
 *
 * @param fromVersion    e.g. {@code v1}
 * @param toVersion      e.g. {@code v2}
 * @param tiers          the service tiers whose code is upgraded
 * @param schema         the schema change, if any
 * @param directives     configuration directives the new version changes
 * @param libraries      libraries the new version needs at another version
 * @param interfaces     interfaces whose behaviour moves
 * @param movedLocations tiers whose service location (host/port/URL) changes in the new version
 * @param stepTimes      duration of each kind of step on one target (s); ConvertData and SyncData
 *                       are derived from rows and rates instead
 * @param faultyStartTimes per fault type, how long a Start takes on a node that carries a fault of
 *                       that type (its readiness checks wait on what the fault breaks, as the
 *                       executor's warm-up reads wait on a wrong database port); a type not listed
 *                       starts in the Start time
 */
public record Upgrade(String fromVersion, String toVersion, List<String> tiers, Optional<SchemaChange> schema,
                      List<ConfigDirective> directives, List<LibraryChange> libraries,
                      List<InterfaceChange> interfaces, List<String> movedLocations,
                      Map<StepKind, Dist> stepTimes, Map<FaultType, Dist> faultyStartTimes) {

    public Upgrade {
        tiers = List.copyOf(tiers);
        directives = List.copyOf(directives);
        libraries = List.copyOf(libraries);
        interfaces = List.copyOf(interfaces);
        movedLocations = List.copyOf(movedLocations);
        Map<StepKind, Dist> times = new EnumMap<>(defaultStepTimes());
        times.putAll(stepTimes);
        stepTimes = Map.copyOf(times);
        faultyStartTimes = Map.copyOf(faultyStartTimes);
    }

    /** An upgrade whose faults do not change how long a Start takes. */
    public Upgrade(String fromVersion, String toVersion, List<String> tiers, Optional<SchemaChange> schema,
                   List<ConfigDirective> directives, List<LibraryChange> libraries,
                   List<InterfaceChange> interfaces, List<String> movedLocations, Map<StepKind, Dist> stepTimes) {
        this(fromVersion, toVersion, tiers, schema, directives, libraries, interfaces, movedLocations, stepTimes, Map.of());
    }

    /** How long a Start takes on a node carrying a fault of {@code type}, when the fault changes it. */
    public Optional<Dist> faultyStartTime(FaultType type) {
        return Optional.ofNullable(faultyStartTimes.get(type));
    }

    public Dist stepTime(StepKind kind) {
        return stepTimes.get(kind);
    }

    /** True when some interface changed, so that mixed versions can race on it. */
    public boolean changesInterface(String name) {
        return interfaces.stream().anyMatch(i -> i.name().equals(name));
    }

    /** Round defaults, stated in the README; a config overrides any of them. */
    public static Map<StepKind, Dist> defaultStepTimes() {
        Map<StepKind, Dist> m = new EnumMap<>(StepKind.class);
        m.put(StepKind.PROVISION, new Dist.Uniform(30, 90));
        m.put(StepKind.DRAIN, Dist.constant(5));
        m.put(StepKind.STOP, Dist.constant(3));
        m.put(StepKind.INSTALL, new Dist.Uniform(20, 40));
        m.put(StepKind.CONFIGURE, new Dist.Uniform(5, 15));
        m.put(StepKind.START, new Dist.Uniform(10, 20));
        m.put(StepKind.RUNTIME_TEST, Dist.constant(120));
        m.put(StepKind.SWITCH, Dist.constant(2));
        m.put(StepKind.RETIRE, Dist.constant(10));
        m.put(StepKind.ROLLBACK, new Dist.Uniform(30, 60));
        return m;
    }
}
