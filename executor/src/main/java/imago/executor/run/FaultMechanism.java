package imago.executor.run;

import imago.model.fault.FaultType;

/**
 * How one {@link FaultType} is really made to happen, and undone (the operator's fix). The mechanism
 * of each type is chosen by an exhaustive switch: a new type does not compile until it has one.
 */
sealed interface FaultMechanism permits ConfigFault, BrokenEnvironmentFault, DataAccessFault {

    static FaultMechanism of(FaultType type) {
        return switch (type) {
            case SIMPLE_CONFIG -> new ConfigFault.PortTypo();
            case SEMANTIC_CONFIG -> new ConfigFault.NoPool();
            case BROKEN_ENVIRONMENT -> new BrokenEnvironmentFault();
            case DATA_ACCESS -> new DataAccessFault();
        };
    }

    /** Breaks what {@code fault} describes (its target in its universe). */
    void inject(RunContext run, ActiveFault fault) throws Exception;

    /** Undoes {@link #inject}; restarting what it broke is the recovery's job. */
    void repair(RunContext run, ActiveFault fault) throws Exception;
}
