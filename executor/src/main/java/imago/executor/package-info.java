/**
 * The real executor: runs a compiled plan against real processes on this machine and measures the
 * same {@code RunResult} as the simulator ({@link imago.executor.Executor#run}). What a run does is
 * in {@link imago.executor.run}; the system under upgrade is reached through
 * {@link imago.executor.testbed.SystemUnderTest}.
 */
package imago.executor;
