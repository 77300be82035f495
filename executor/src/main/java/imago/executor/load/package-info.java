/**
 * The open-loop load generator: the workload's sessions and request mix against the ingress, every
 * request recorded with its timing and answer ({@link imago.executor.load.RequestRecord}), each read
 * shown as it is sent to whoever taps it ({@link imago.executor.load.ReadSource}: a runtime test).
 */
package imago.executor.load;
