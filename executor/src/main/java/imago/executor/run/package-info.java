/**
 * One run of one plan. {@link imago.executor.run.Run} orchestrates: set-up, the plan group by group,
 * the window after it, the integrity check, the verdict and the logs. Everything a run shares lives
 * in its {@code RunContext}; the jobs are each one class:
 * <ul>
 * <li>a step's meaning on the real system: one {@code StepAction} per {@link imago.model.plan.Step}
 * kind, chosen by an exhaustive switch with no default, so a new step kind does not compile until
 * it has an action here. Each action also declares its effect on the run's node and data state
 * ({@code RunState}, read through {@link imago.executor.run.RunView}, the model's {@code StateView}),
 * which a conformance test compares with the model's {@code PlanState} after every group;</li>
 * <li>faults: one {@code FaultMechanism} per {@link imago.model.fault.FaultType} (inject, repair),
 * again by an exhaustive switch; {@code Faults} keeps what was injected and counts it;</li>
 * <li>detection: {@code ProductionMonitor} (the model's {@code MonitorRule}); recovery:
 * {@code RecoveryRunner}, which carries out the {@code Recovery} the plan's {@code RecoveryPolicy}
 * decides on the run's state (roll back, switch back, repair in place, abandon the parallel universe,
 * abort a canary);
 * the outcome: {@code Verdict};</li>
 * <li>a node's configuration, start to readiness and stop: {@code Nodes}; the forward sync of a
 * parallel universe: {@code Syncer}.</li>
 * </ul>
 * To add a step kind: the model's {@code Step}, then {@code StepAction.of} (the compiler asks), an
 * action class, and its effect in {@code RunState}.
 */
package imago.executor.run;
