package imago.executor.run;

import java.util.List;

/** A step could not do what it had to (a node did not start, a runtime test found differences). */
final class StepFailure extends Exception {

    /** The nodes the failure concerns (empty when it concerns the whole universe). */
    final List<String> nodes;

    StepFailure(String message, List<String> nodes) {
        super(message, null, false, false);
        this.nodes = List.copyOf(nodes);
    }
}
