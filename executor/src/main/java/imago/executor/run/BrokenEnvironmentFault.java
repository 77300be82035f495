package imago.executor.run;

import imago.executor.ExecutorException;
import imago.executor.process.JavaCommand;
import imago.executor.process.ManagedProcess;
import imago.model.plan.StepKind;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Type 3: at Install a conflicting library first on the new version's classpath; at any other
 * step the node's port held by another process ({@link PortSquatter}).
 */
record BrokenEnvironmentFault() implements FaultMechanism {

    @Override
    public void inject(RunContext run, ActiveFault fault) throws Exception {
        AppNode n = run.node(fault.universe, fault.target)
                .orElseThrow(() -> new ExecutorException("fault " + fault.spec + ": no node " + fault.target));
        if (fault.spec.step() == StepKind.INSTALL) {
            fault.conflictingJar = Optional.of(run.system.installConflictingLibrary(n.lib()));
        } else {
            fault.squatter = Optional.of(squat(run, n));
        }
    }

    @Override
    public void repair(RunContext run, ActiveFault fault) throws IOException {
        fault.squatter.ifPresent(p -> run.supervisor.stop(p, Duration.ofSeconds(2)));
        if (fault.conflictingJar.isPresent()) {
            Files.deleteIfExists(fault.conflictingJar.get());
        }
    }

    private static ManagedProcess squat(RunContext run, AppNode n) throws IOException, InterruptedException {
        List<String> argv = JavaCommand.main("16m", List.of(), List.of(JavaCommand.codeSource(PortSquatter.class)),
                PortSquatter.class.getName(), List.of(Integer.toString(n.port)));
        Path dir = run.work.resolve("squatters");
        ManagedProcess p = run.supervisor.start("squatter:" + n.port, argv, dir, dir.resolve("squatter-" + n.port + ".log"),
                n.port);
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < until && p.alive()) {
            if (p.tail().contains("READY")) {
                return p;
            }
            Thread.sleep(20);
        }
        throw new ExecutorException("could not take port " + n.port + " for fault type 3: " + p.tail());
    }
}
