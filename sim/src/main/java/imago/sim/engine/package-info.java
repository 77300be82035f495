/**
 * Internal: the simulation model behind {@link imago.sim.Simulation}. One {@link
 * imago.sim.engine.Engine} per replication owns an SSJ {@code Simulator} and everything else;
 * requests and sessions are pooled SSJ events, the event list is an allocation-free heap by
 * default, and nothing here is static or shared, so replications run on any number of threads.
 */
package imago.sim.engine;
