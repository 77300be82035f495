package imago.sim.random;

/**
 * What a random stream is used for. Each purpose has its own stream, so that a change in one part
 * of the model (another strategy, another fault model) does not shift the numbers another part
 * draws: that is what makes common random numbers work across strategies.
 */
public enum Purpose {
    /** Session inter-arrival times (and thinning of a rate profile). */
    ARRIVALS,
    /** Session lengths and think times. */
    SESSIONS,
    /** Request type picked from the mix. */
    MIX,
    /** Service times at the nodes. */
    SERVICE,
    /** Whether a request issues an asynchronous callback, and its delay. */
    ASYNC,
    /** Outcome of a mixed-version race (error, silent, harmless). */
    RACES,
    /** Per-request effects of partial failures (a share of requests failing, partly converted data). */
    EFFECTS,
    /** Step durations. */
    STEPS,
    /** Whether a step execution introduces a fault, and which reads a runtime test replays and whether they catch it. */
    FAULTS,
    /** Fault detection and repair times. */
    FAULT_TIMES,
    /** Which version a canary's ingress sends a session to (one draw per session, compared with the weight). */
    CANARY
}
