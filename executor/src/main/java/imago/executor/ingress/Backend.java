package imago.executor.ingress;

import imago.model.plan.Universe;

/** An application node the ingress can route to. */
public record Backend(String node, Universe universe, String version, int port) {

    /** The key used in logs: {@code production/app-1}. */
    public String id() {
        return universe.configName() + "/" + node;
    }
}
