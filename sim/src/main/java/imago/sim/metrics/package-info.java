/** Internal: bounded-memory latency histogram and the per-second timeline behind RunResult. */
package imago.sim.metrics;
