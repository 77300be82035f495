/** The on-demand simulator benchmark ({@link imago.sim.bench.SimBenchmark}); never run by the build. */
package imago.sim.bench;
