package imago.executor;

import imago.model.experiment.Experiment;
import imago.model.experiment.Scenario;

import java.nio.file.Path;

/**
 * A real run in a JVM of its own, for {@link SignalCleanupIT} to signal: the bidding Imago plan on
 * small data with its work folder under {@code args[0]} and the database {@code args[1]}; prints
 * each process it starts and a line when it is set up and serves.
 */
public final class SignalChild {

    private SignalChild() {
    }

    public static void main(String[] args) throws Exception {
        Experiment e = Bidding.shortened(1, 2);
        Scenario s = Bidding.scenario(e, "imago");
        ExecutorOptions o = ExecutorOptions.defaults(Path.of(args[0]).resolveSibling("out")).withData(DataSize.small())
                .withDatabase(DatabaseKind.parse(args[1])).withWorkRoot(Path.of(args[0])).withTimeScale(0.3)
                .withProgress(ev -> {
                    switch (ev) {
                        case ExecutorEvent.ProcessStarted p -> System.out.println("started " + p.pid());
                        case ExecutorEvent.IngressStarted i -> System.out.println("serving");
                        default -> { }
                    }
                    System.out.flush();
                });
        Executor.run(e, s, Bidding.plan(e, s), o);
    }
}
