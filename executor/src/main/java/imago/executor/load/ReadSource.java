package imago.executor.load;

import java.util.function.Consumer;

/** Production's reads as they are sent: what a runtime test replays a share of. */
public interface ReadSource {

    /** A read production sent: its sequence number among all requests of the run, and its path. */
    record SentRead(long sequence, String path) {
    }

    /** An open tap; closing it stops the reads. */
    interface Tap extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Shows {@code tap} every read sent from now on, as it is sent (from many threads at once),
     * until the returned tap is closed.
     */
    Tap tap(Consumer<SentRead> tap);
}
