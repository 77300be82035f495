/**
 * From what a run observed ({@link imago.executor.metrics.RunFacts}) to the model's
 * {@code RunResult}, and the run's request and step logs.
 */
package imago.executor.metrics;
