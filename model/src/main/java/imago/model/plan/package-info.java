/**
 * Plans and what their steps mean (DESIGN §2, §2a): the one place a step's meaning lives, which
 * the simulator and the executor both run and neither redefines.
 *
 * <ul>
 *   <li>{@link imago.model.plan.Step} (sealed) is the vocabulary: each kind with its targets,
 *       universe and duration. {@link imago.model.plan.Step.Wait} is a pause, with no targets;
 *       a canary's {@link imago.model.plan.Step.SetWeight} and {@link imago.model.plan.Step.Analysis}
 *       (judged by {@link imago.model.plan.CanaryAnalysis}, as Argo Rollouts judges a metric) have
 *       none either.</li>
 *   <li>{@link imago.model.plan.PlanCompiler} turns a strategy into a
 *       {@link imago.model.plan.Plan}: steps in parallel groups plus a
 *       {@link imago.model.plan.RecoveryPolicy}. The strategy stops here: runners read steps and the
 *       policy only (for example rolling's {@code abortOnFault} reaches them as policy data).</li>
 *   <li>{@link imago.model.plan.PlanState} is what each step does to nodes (exist, run, take
 *       traffic, version), to each universe's data (conversion begun and ended, synced) and to
 *       which universe serves. Plan invariants are checked on it.</li>
 *   <li>{@link imago.model.plan.Recovery} (sealed) is what a run does after a detected fault, as
 *       steps the backend runs with its normal step runners;
 *       {@link imago.model.plan.RecoveryPolicy#decide} chooses it from the fault and the run's
 *       {@link imago.model.plan.StateView}.</li>
 *   <li>{@link imago.model.plan.ProgressDeadline} is a rolling rollout's progress deadline, in the
 *       policy: what counts as progress and when the deadline has passed is decided here, by a
 *       {@link imago.model.plan.ProgressDeadline.Watch} both backends call after each planned group;
 *       with abort they roll back with {@link imago.model.plan.RecoveryPolicy#rollBack}.</li>
 *   <li>{@link imago.model.plan.StateView} is what a backend shows of its state, and
 *       {@link imago.model.plan.Conformance} compares it with {@code PlanState} after every group:
 *       the simulator's conformance test uses it, and the executor's can.</li>
 * </ul>
 *
 * <p>A new step kind: add it to {@code Step} and {@link imago.model.plan.StepKind}, then follow
 * the compile errors: every switch over {@code Step} lists every kind and has no default branch
 * ({@code PlanState}, the simulator's {@code StepAction.of}, the executor's {@code Run.act},
 * {@code imago plan}'s description).
 */
package imago.model.plan;
