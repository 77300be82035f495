/**
 * The open-loop load generator: the workload's sessions and request mix against the ingress, every
 * request recorded with its timing and answer ({@link imago.executor.load.RequestRecord}).
 */
package imago.executor.load;
