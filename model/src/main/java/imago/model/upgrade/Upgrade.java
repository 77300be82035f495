package imago.model.upgrade;

import imago.model.dist.Dist;
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
 */
public record Upgrade(String fromVersion, String toVersion, List<String> tiers, Optional<SchemaChange> schema,
                      List<ConfigDirective> directives, List<LibraryChange> libraries,
                      List<InterfaceChange> interfaces, List<String> movedLocations,
                      Map<StepKind, Dist> stepTimes) {

    public Upgrade {
        tiers = List.copyOf(tiers);
        directives = List.copyOf(directives);
        libraries = List.copyOf(libraries);
        interfaces = List.copyOf(interfaces);
        movedLocations = List.copyOf(movedLocations);
        Map<StepKind, Dist> times = new EnumMap<>(defaultStepTimes());
        times.putAll(stepTimes);
        stepTimes = Map.copyOf(times);
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
