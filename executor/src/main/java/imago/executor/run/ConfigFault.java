package imago.executor.run;

import imago.executor.ExecutorException;
import imago.executor.db.DatabaseServer;
import imago.executor.process.ProcessSupervisor;
import imago.executor.testbed.NodeConfig;

import java.nio.file.Files;
import java.util.Optional;

/** Fault types 1 and 2: the new version's configuration is written wrong until repaired. */
sealed interface ConfigFault extends FaultMechanism {

    /** The configuration as the fault writes it. */
    NodeConfig misconfigure(NodeConfig c, DatabaseServer db, ProcessSupervisor supervisor);

    @Override
    default void inject(RunContext run, ActiveFault fault) throws Exception {
        AppNode n = run.node(fault.universe, fault.target)
                .orElseThrow(() -> new ExecutorException("fault " + fault.spec + ": no node " + fault.target));
        n.configFault = Optional.of(this);
        if (Files.exists(n.config())) {
            run.nodes.writeConfig(n);
        }
    }

    @Override
    default void repair(RunContext run, ActiveFault fault) {
        run.node(fault.universe, fault.target).ifPresent(n -> n.configFault = Optional.empty());
    }

    /** Type 1 (simple): a typo in the configured database port. */
    record PortTypo() implements ConfigFault {
        @Override
        public NodeConfig misconfigure(NodeConfig c, DatabaseServer db, ProcessSupervisor supervisor) {
            return c.withDbUrl(db.urlWithPort(typo(db.port(), supervisor)));
        }

        /** The port as a hurried operator types it: two digits swapped (or one off), never a live port. */
        private static int typo(int port, ProcessSupervisor supervisor) {
            char[] d = Integer.toString(port).toCharArray();
            int i = d.length - 2;
            char tmp = d[i];
            d[i] = d[i + 1];
            d[i + 1] = tmp;
            int swapped = Integer.parseInt(new String(d));
            int candidate = swapped != port ? swapped : port + 1;
            while (supervisor.allocatedPorts().contains(candidate) || candidate > 65535) {
                candidate = candidate > 65535 ? 20000 : candidate + 1;
            }
            return candidate;
        }
    }

    /** Type 2 (semantic): a connection pool of size 0. */
    record NoPool() implements ConfigFault {
        @Override
        public NodeConfig misconfigure(NodeConfig c, DatabaseServer db, ProcessSupervisor supervisor) {
            return c.withPoolSize(0);
        }
    }
}
