package imago.executor.run;

import imago.executor.load.ReadSource;
import imago.executor.load.ReadSource.SentRead;
import imago.executor.process.Http;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A runtime test's replays, by the simulator's rule (README, "The simulator"): while the test runs,
 * each read production sends that the {@link ReplaySelection} keeps is sent at once to a node of
 * the universe under test and to a production node (each universe's nodes in turn), and the two
 * answers are compared through the upgrade's data mapping ({@link AnswerComparator}). Judged at the
 * end: one read that production answered and the new universe failed (an error status, a time-out,
 * a refused connection) or answered differently is a catch. A read production itself did not
 * answer is replayed but not compared: it says nothing about the new version (a missing row, an
 * overloaded machine). So the number of reads replayed grows with the test's length and the
 * request rate at the same coverage.
 */
final class ReadReplay implements Consumer<SentRead> {

    /** How many of the problems found are described. */
    private static final int DESCRIBED = 5;

    /**
     * What the replays found.
     *
     * @param replayed   reads replayed against both universes (answered or failed)
     * @param compared   of them, those production answered
     * @param failed     compared reads the new universe failed
     * @param differing  compared reads the new universe answered differently
     * @param unfinished replays still waiting for an answer when the test was judged (not counted)
     * @param first      the first problems, described
     * @param badNodes   the new universe's nodes that failed or differed
     */
    record Outcome(int replayed, int compared, int failed, int differing, int unfinished, List<String> first,
                   List<String> badNodes) {

        boolean caught() {
            return failed + differing > 0;
        }

        String summary() {
            return replayed + " reads replayed against both universes, " + compared + " compared: " + failed
                    + " failed on the new universe, " + differing + " answered differently"
                    + (unfinished > 0 ? " (" + unfinished + " unanswered at the end, not judged)" : "");
        }
    }

    private final ReplaySelection selection;
    private final Http http;
    private final List<AppNode> production;
    private final List<AppNode> tested;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final AtomicInteger launched = new AtomicInteger();
    private volatile boolean open = true;
    private boolean judged;
    private int replayed;
    private int compared;
    private int failed;
    private int differing;
    private final List<String> first = new ArrayList<>();
    private final Set<String> badNodes = new LinkedHashSet<>();

    /**
     * @param production the serving universe's nodes in rotation (not empty)
     * @param tested     the universe under test's nodes (not empty)
     */
    ReadReplay(ReplaySelection selection, Http http, List<AppNode> production, List<AppNode> tested) {
        if (production.isEmpty() || tested.isEmpty()) {
            throw new IllegalArgumentException("a replay needs nodes in both universes");
        }
        this.selection = selection;
        this.http = http;
        this.production = List.copyOf(production);
        this.tested = List.copyOf(tested);
    }

    /** Replays the reads {@code source} sends for {@code length}, then judges (waiting at most {@code answers}). */
    Outcome during(ReadSource source, Duration length, Duration answers) throws InterruptedException {
        try {
            try (ReadSource.Tap tap = source.tap(this)) {
                Thread.sleep(length.toMillis());
            }
            return judge(answers);
        } finally {
            threads.shutdownNow();
        }
    }

    /** A read production sends: replayed if selected (called on the sender's thread, so it only launches). */
    @Override
    public void accept(SentRead read) {
        if (!open || !selection.selects(read.sequence())) {
            return;
        }
        int turn = launched.getAndIncrement();
        AppNode p = production.get(turn % production.size());
        AppNode t = tested.get(turn % tested.size());
        try {
            threads.execute(() -> replay(read.path(), p, t));
        } catch (RejectedExecutionException e) {
            launched.decrementAndGet(); // sent as the test ended: not one of its reads
        }
    }

    /** Stops taking reads, waits at most {@code answers} for the replays' answers, and says what they found. */
    Outcome judge(Duration answers) throws InterruptedException {
        open = false;
        threads.shutdown();
        threads.awaitTermination(answers.toMillis(), TimeUnit.MILLISECONDS);
        synchronized (this) {
            judged = true;
            return new Outcome(replayed, compared, failed, differing, Math.max(0, launched.get() - replayed),
                    List.copyOf(first), List.copyOf(badNodes));
        }
    }

    private void replay(String path, AppNode p, AppNode t) {
        Http.Answer x;
        Http.Answer y;
        try {
            x = http.get(p.port, path);
            y = http.get(t.port, path);
        } catch (InterruptedException e) {
            return; // judged without it
        }
        String problem = x.status() == 200 ? AnswerComparator.difference(path, x.status(), x.body(), y.status(), y.body()) : "";
        synchronized (this) {
            if (judged) {
                return;
            }
            replayed++;
            if (x.status() != 200) {
                return;
            }
            compared++;
            if (problem.isEmpty()) {
                return;
            }
            if (y.status() == 200) {
                differing++;
            } else {
                failed++;
                // No answer (status 0): the body is what the client saw (a time-out, a refused connection).
                problem = y.status() == 0 ? "no answer: " + y.body() : problem;
            }
            badNodes.add(t.name);
            if (first.size() < DESCRIBED) {
                first.add(t.name + " " + path + ": " + problem);
            }
        }
    }
}
