package imago.sim.engine;

import java.util.Arrays;

/**
 * The requests a switch holds at the ingress from its begin until it flips (or is abandoned);
 * released in the order they came, except those whose client gave up meanwhile.
 */
final class SwitchHold {
    private Request[] held = new Request[64];
    private int count;
    private boolean holding;
    private boolean planned;

    void hold(boolean planned) {
        holding = true;
        this.planned = planned;
    }

    /** Holds {@code r} if a switch is under way; false when it may go on. */
    boolean tryHold(Request r) {
        if (!holding) {
            return false;
        }
        r.state = Request.HELD;
        r.timeoutPlanned = planned;
        if (count == held.length) {
            held = Arrays.copyOf(held, count * 2);
        }
        held[count++] = r;
        return true;
    }

    /** Ends the hold; {@code each} gets every held request in order. */
    void release(java.util.function.Consumer<Request> each) {
        holding = false;
        int n = count;
        count = 0;
        for (int i = 0; i < n; i++) {
            Request r = held[i];
            held[i] = null;
            each.accept(r);
        }
    }
}
