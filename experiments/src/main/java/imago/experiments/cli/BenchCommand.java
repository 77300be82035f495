package imago.experiments.cli;

import imago.sim.bench.SimBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

@Command(name = "bench", description = {
        "Benchmark the simulator: events/s against the bare SSJ hold model, linearity in simulated requests,",
        "heap for one simulated hour at 1,000 req/s (run with IMAGO_JAVA_OPTS=-Xmx256m), and 1 vs 2 threads."})
final class BenchCommand implements Callable<Integer> {

    @Option(names = "--quick", description = "A pass of seconds, to check the benchmark itself.")
    boolean quick;

    @Option(names = "--sections", paramLabel = "1,2,3,4", description = "Only these sections (1 events/s, 2 linearity, 3 heap, 4 threads).")
    String sections;

    @Option(names = "--config", paramLabel = "FILE", description = "The model to run (default: experiments/configs/three-tier.yaml).")
    Path config;

    @Override
    public Integer call() throws Exception {
        Path model = config != null ? config : ProjectHome.get().resolve("experiments/configs/three-tier.yaml");
        imago.model.config.ExperimentLoader.load(model);
        SimBenchmark.Options o = quick ? SimBenchmark.Options.quick(model) : SimBenchmark.Options.defaults(model);
        if (sections != null) {
            Set<Integer> chosen;
            try {
                chosen = Arrays.stream(sections.split(",")).map(String::strip).map(Integer::valueOf).collect(Collectors.toSet());
            } catch (NumberFormatException e) {
                throw new BadInputException("--sections: a comma-separated list of 1..4 (was '" + sections + "')");
            }
            if (chosen.isEmpty() || chosen.stream().anyMatch(s -> s < 1 || s > 4)) {
                throw new BadInputException("--sections: a comma-separated list of 1..4 (was '" + sections + "')");
            }
            o = o.withSections(chosen);
        }
        SimBenchmark.run(new PrintStream(System.out, true), o);
        return 0;
    }
}
