/**
 * The discrete-event simulator (DESIGN §4): {@link imago.sim.Simulation#run} turns a
 * {@link imago.sim.SimulationInput} and a replication index into a
 * {@link imago.model.metrics.RunResult}; {@link imago.sim.Simulation#runDetailed} adds every
 * injected fault with its fate. Only model types and this package's records cross the boundary;
 * SSJ stays inside {@code imago.sim.engine} and {@code imago.sim.random}, which are internal.
 *
 * <p>How a plan runs: {@code PlanRunner} starts the plan group by group; each step is a
 * {@code StepRun} whose kind's {@code StepAction} (one sealed case per {@link imago.model.plan.Step}
 * kind, chosen in one switch without a default branch) says what happens at the step's begin, at
 * each target's begin and end, at the step's end and when the step is abandoned; each target is a
 * {@code TargetRun} event that draws its own duration. The node and data effects are those of
 * {@link imago.model.plan.PlanState}: {@code ConformanceTest} checks them after every group through
 * the world's {@link imago.model.plan.StateView}. A Switch: its begin holds new requests in
 * {@code Traffic}; its target's end flips the serving universe, makes the new universe's latent
 * faults live, and releases the held requests and retirements waiting for pinned callbacks; its
 * abort releases the held requests. A detected fault asks the plan's
 * {@link imago.model.plan.RecoveryPolicy}; the chosen {@link imago.model.plan.Recovery}'s steps
 * replace the rest of the plan and run the same way. {@link imago.model.metrics.Outcome#of} and
 * {@link imago.model.metrics.FaultCounts#byType} turn what the run observed into its result.
 *
 * <p>Decisions where DESIGN is silent (each also commented where it is implemented):
 * <ul>
 *   <li>A warm-up (eight session-decay times, at most 1200 s) precedes the window, so sessions
 *       and queues are in steady state when it opens. Think times run from a request's send, not
 *       its response, so the offered load stays open and identical across strategies.</li>
 *   <li>Everything random about a primary request (type, callback, callback delay, race draw,
 *       service demand per hop) is drawn when it is created: every strategy is offered the same
 *       requests (common random numbers). Requests are counted in the second they are sent.</li>
 *   <li>Requests visit their tiers one after another (a tandem of FIFO multi-server queues);
 *       routing is round-robin over a tier's serving nodes (least-loaded is an option). A request
 *       whose deadline passed while queued is dropped, not served.</li>
 *   <li>A request type's {@code cost} scales its drawn service demand at every hop (its
 *       callback's, {@code async.cost}); the draws are the same whatever the costs. A node started
 *       or rolled back during the run serves at its tier's {@code warmup} factors, by the time
 *       since it took traffic again, applied when a request starts service; the nodes running
 *       from the start are the baseline's and do not warm up, nor does a node put back after a
 *       drain.</li>
 *   <li>A drain ends when the node is idle, at the latest after its drawn duration; a
 *       {@code Wait} (a rolling pause, the old universe kept) takes its duration. A start's
 *       target ends when the node is ready (draw + readiness delay). A retirement stops what still
 *       runs: a node a Stop already stopped is removed at once, a running one after the draw (the
 *       executor's Retire only removes what still runs). Provisioned nodes count in resource cost from the
 *       start of their provisioning to the end of their retirement.</li>
 *   <li>An offline conversion of a copy (blue-green) makes the source's data read-only too: the
 *       copy has no incremental sync. A copy switched to without a sync loses the writes its
 *       source acknowledged since the copy.</li>
 *   <li>Hidden dependencies: a conversion copies and swaps one table at a time, in the schema's
 *       order, each table's share of the conversion time (its rows times its row cost) after the
 *       last; old-version code fails the requests that use a table already swapped that it cannot
 *       read (or, for a writing request, write), new-version code those that use one not swapped
 *       yet that it cannot use
 *       (a request type's {@code tables}, without them every table; each table's access derived
 *       from the schema's {@code changes}, or {@code compatible} for all). An expand conversion
 *       leaves old code working; the contract after the rollout does not. An abandoned
 *       conversion keeps the tables it swapped. A moved service location breaks only callers from
 *       upgraded tiers (the ingress is re-pointed by the plan), and only a new caller of a callee still
 *       old: the moved callee's new version still answers at the old location, so providers upgraded
 *       before consumers (dependency-ordered) avoid the break.</li>
 *   <li>A conversion or sync reading the production database (in place beside production, or
 *       copying into another universe) takes {@code rate / offlineRate} of its capacity
 *       ({@code SchemaChange#capacityShare}), capped at the in-place share; a request starting
 *       service there meanwhile takes {@code 1 / (1 - share)} times its drawn service time. With
 *       {@code Topology#sharedProcessors} (every tier on the database's machine, as on a
 *       one-machine testbed) the same shares, summed and capped alike, are taken from the
 *       machine: a request starting service on any tier, in either universe, takes
 *       {@code 1 / (1 - share)} times its drawn time while any conversion or sync runs. An
 *       in-place conversion with the application stopped slows nothing: nothing else runs. A copy
 *       into another universe whose source exports faster than its target loads
 *       ({@code SchemaChange#exportRate}) reads the source at the export rate and only until the
 *       export ends; the load that goes on after it reads nothing of production's and takes no
 *       share, as on the testbed, where production's latency is back to its level once the
 *       production database has exported the copy, though the parallel one is still loading it.</li>
 *   <li>A rollout's progress deadline is checked when a planned group ends, with the model's
 *       {@code ProgressDeadline.Watch}, as the executor does: a fault on a node does not hold the
 *       rollout up here (the plan goes on while it is repaired), so only slow steps or pauses pass it.</li>
 *   <li>Callbacks go back along the original path up to the interface's tier and touch no data.
 *       After a switch that drains sessions, a callback goes back to the universe whose page
 *       issued it, and the old universe retires only when no such callback is pending; the
 *       sessions' other requests follow the switch (as the executor's ingress does).</li>
 *   <li>A fault breaks its target node whether or not the node's tier declares a dependency of
 *       the fault's kind (undeclared dependencies are exactly what hidden ones are). A step
 *       without targets faults the first upgraded node of its universe. A type 4 fault at a
 *       conversion is a step it leaves out, as the executor's: drawn as the conversion begins,
 *       it keeps the first table the new version needs converted in the old schema (old code
 *       goes on using it, new code fails on it) until a repair converts it or a rollback undoes
 *       the conversion. The skipped table takes none of the conversion's time (nor of a copy's
 *       export), so the tables after it swap earlier, as on the testbed; a schema without such a table gets the fault on the database node, failing
 *       its data requests, as elsewhere. A node carrying a fault
 *       that has not served yet starts in its type's {@code Upgrade#faultyStartTimes} when the
 *       upgrade lists one: on the testbed a node with a wrong database port answers its health
 *       probes but its readiness warm-up waits on failing reads (11.8 s against 0.6 s).</li>
 *   <li>A runtime test replays the {@code testCoverage} share of the reads production sends while it
 *       runs (writes are not replayed, as in the executor) through one node per tier of the tested
 *       universe, round-robin; it catches a latent fault when a replayed read exercises it by
 *       production's admission rule (any request on a type 1 or 3 fault's node, the partial share
 *       on a type 2's, data-touching ones on a type 4's). The replayed reads are sampled, not sent
 *       as events: binomial thinning of production's read counts per type, round-robin counts per
 *       node, one uniform per fault; each fault's catch probability is the event way's, joint
 *       outcomes across nodes of one tier are drawn independently, and a read failing at an
 *       earlier faulty hop still counts for the later ones. Only injected faults are judged (the
 *       upgrade's hidden dependencies cannot break in Imago's parallel universe at the test).</li>
 *   <li>Detection in production is the {@code ProductionMonitor}'s ({@code MonitorRule}, as in
 *       the executor): a request counts against every node it reached, in per-interval buckets;
 *       the window is rounded up to whole intervals. A detected node's faults, and those of the
 *       tiers behind it, are detected; a new-version node failing without a fault is recovered
 *       from as the executor does (rolled back in production, where the policy would repair in
 *       place; switched back after a switch). A repair or fault removal makes the monitor forget
 *       the failures before it.</li>
 *   <li>Caught faults extend the runtime test by the sum of their repair times. An escaped
 *       fault, once detected, reverses the switch if the old universe still exists (the writes
 *       made since the switch are synced back, none is lost); if it was
 *       retired already, the fault is repaired in place. Rolling with abortOnFault restores the
 *       data from a backup (losing the writes since the conversion began) and rolls nodes back
 *       one at a time. One recovery per run.</li>
 *   <li>A canary's ingress pins a session to a version on its first request while the weight is
 *       strictly between 0 and 100 (a uniform drawn per session from a stream of its own, so the
 *       other streams stay aligned), and sends it to that version's nodes in the upgraded tiers;
 *       at 0 or 100 all sessions go to one version. A request's version is fixed when it enters:
 *       if that version has no serving node of a tier on its path, it fails. An analysis
 *       measures, per interval, the requests the ingress sent to the new version: failed ones
 *       whatever the cause, answered ones with their response time (nearest-rank p99). Its
 *       abort, like a rollback, counts as a rollback of the run.</li>
 *   <li>Outcome precedence: timed-out, sync-never-converges, production-broken (a serving node
 *       faulty or with a broken dependency, or a tier without serving node, at window end),
 *       rolled-back, success.</li>
 * </ul>
 */
package imago.sim;
