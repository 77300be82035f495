package imago.executor.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import imago.executor.DataSize;
import imago.executor.db.BiddingData;
import imago.executor.ingress.Ingress;
import imago.model.workload.RequestType;
import imago.model.workload.Workload;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * An open-loop load generator: sessions arrive as a Poisson process (thinned for a rate profile),
 * each sends a geometric number of requests separated by think times, all scheduled in advance, so
 * that a slow or failing system does not slow the offered load. Each request runs on its own virtual
 * thread. A placed bid's confirmation is sent back after a delay by "client-side code" of the version
 * that served the bid: v1's leaves validation to the server; v2's validates against the rule the
 * reply carried. Every request is recorded, and each read is shown to the open taps as it is sent
 * (a runtime test's replays).
 */
public final class LoadGenerator implements ReadSource, AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final Workload workload;
    private final DataSize data;
    private final SplittableRandom rng;
    private final long windowStartNanos;
    private final Duration timeout;
    private final double confirmProbability;
    private final HttpClient client;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final DelayQueue<Due> schedule = new DelayQueue<>();
    private final ConcurrentLinkedQueue<RequestRecord> records = new ConcurrentLinkedQueue<>();
    private final List<Consumer<SentRead>> readTaps = new CopyOnWriteArrayList<>();
    private final AtomicLong ids = new AtomicLong();
    private final AtomicLong sessions = new AtomicLong();
    private final AtomicLong nextBid;
    private final AtomicInteger outstanding = new AtomicInteger();
    private final double totalWeight;
    private volatile boolean running;
    private Thread scheduler;

    private record Due(long atNanos, Runnable task) implements Delayed {
        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(atNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed o) {
            return Long.compare(atNanos, ((Due) o).atNanos);
        }
    }

    /**
     * @param windowStartNanos the observation window's start: rate profiles are read from it
     */
    public LoadGenerator(URI base, Workload workload, DataSize data, long seed, long windowStartNanos) {
        this.base = base;
        this.workload = workload;
        this.data = data;
        this.rng = new SplittableRandom(seed);
        this.windowStartNanos = windowStartNanos;
        this.timeout = Duration.ofMillis(Math.max(100, (long) (workload.timeoutS() * 1000)));
        this.totalWeight = workload.mix().stream().mapToDouble(RequestType::weight).sum();
        double bidShare = workload.mix().stream().filter(t -> kindOf(t).equals("place-bid"))
                .mapToDouble(RequestType::weight).sum() / totalWeight;
        this.confirmProbability = bidShare > 0 ? Math.min(1, workload.async().fraction() / bidShare) : 0;
        this.nextBid = new AtomicLong(data.bids() + 1);
        this.client = HttpClient.newBuilder().executor(threads).connectTimeout(timeout)
                .version(HttpClient.Version.HTTP_1_1).build();
    }

    /** The request types the bidding testbed serves, and what a mix name means. */
    public static String kindOf(RequestType t) {
        return switch (t.name()) {
            case "view-item", "item" -> "view-item";
            case "list-items", "search", "browse" -> "list-items";
            case "view-user", "user" -> "view-user";
            case "place-bid", "bid" -> "place-bid";
            default -> throw new IllegalArgumentException("the bidding testbed serves view-item, list-items (search,"
                    + " browse), view-user and place-bid; it has no request type '" + t.name() + "'");
        };
    }

    public void start() {
        running = true;
        long now = System.nanoTime();
        startInSteadyState(now);
        scheduleNextSession(now);
        scheduler = Thread.ofPlatform().name("load-scheduler").daemon().start(this::dispatch);
    }

    private void dispatch() {
        while (running) {
            try {
                Due d = schedule.poll(100, TimeUnit.MILLISECONDS);
                if (d != null && running) {
                    d.task().run();
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /**
     * Opens the sessions a running system would already have: as many as arrive during a mean
     * session's length (a Poisson number), each a session whose next request is one think time
     * away. With geometric session lengths and exponential think times that is exactly the steady
     * state, so the offered load is the configured rate from the first second, as in the
     * simulator (which warms up); without it the load would ramp up over a session's length.
     */
    private void startInSteadyState(long now) {
        double sessionRate = workload.arrivals().rateAt(0) / Math.max(1, workload.sessions().meanRequests());
        double open = sessionRate * Math.max(0, workload.sessions().meanRequests() - 1) * workload.sessions().thinkTime().mean();
        int n = Sampler.poisson(open, rng);
        for (int i = 0; i < n; i++) {
            long at = now + (long) (Sampler.draw(workload.sessions().thinkTime(), rng) * 1e9);
            schedule.add(new Due(at, () -> startSession(at)));
        }
    }

    /** Runs on the scheduler thread only (the generator's random stream is not shared). */
    private void scheduleNextSession(long afterNanos) {
        double max = workload.arrivals().maxRate() / Math.max(1, workload.sessions().meanRequests());
        long t = afterNanos;
        // Thinning: candidates at the peak rate, each kept with probability rate(t) / peak.
        while (true) {
            t += (long) (-Math.log(1 - rng.nextDouble()) / max * 1e9);
            double rel = Math.max(0, (t - windowStartNanos) / 1e9);
            double rate = workload.arrivals().rateAt(rel) / Math.max(1, workload.sessions().meanRequests());
            if (rng.nextDouble() * max <= rate) {
                break;
            }
        }
        long at = t;
        schedule.add(new Due(at, () -> {
            startSession(at);
            scheduleNextSession(at);
        }));
    }

    private void startSession(long at) {
        long session = sessions.incrementAndGet();
        long user = 1 + rng.nextLong(data.users());
        int n = Sampler.geometric(workload.sessions().meanRequests(), rng);
        long t = at;
        for (int i = 0; i < n; i++) {
            RequestType type = pick();
            SplittableRandom own = rng.split();
            long when = t;
            if (when == at) {
                launch(() -> send(session, user, type, own));
            } else {
                schedule.add(new Due(when, () -> launch(() -> send(session, user, type, own))));
            }
            t += (long) (Sampler.draw(workload.sessions().thinkTime(), rng) * 1e9);
        }
    }

    private RequestType pick() {
        double u = rng.nextDouble() * totalWeight;
        for (RequestType t : workload.mix()) {
            u -= t.weight();
            if (u <= 0) {
                return t;
            }
        }
        return workload.mix().getLast();
    }

    private void launch(Runnable r) {
        if (!running) {
            return;
        }
        outstanding.incrementAndGet();
        threads.execute(() -> {
            try {
                r.run();
            } finally {
                outstanding.decrementAndGet();
            }
        });
    }

    // ------------------------------------------------------------------ requests

    private void send(long session, long user, RequestType type, SplittableRandom r) {
        switch (kindOf(type)) {
            case "view-item" -> get(session, type.name(), "/items/" + (1 + r.nextLong(data.items())));
            case "list-items" -> get(session, type.name(), "/items?category=" + r.nextInt(BiddingData.CATEGORIES)
                    + "&page=" + r.nextInt(5));
            case "view-user" -> get(session, type.name(), "/users/" + user);
            default -> placeBid(session, user, type.name(), r);
        }
    }

    private void get(long session, String kind, String path) {
        exchange(session, kind, "GET", path, null, "", -1, -1, false);
    }

    private void placeBid(long session, long user, String kind, SplittableRandom r) {
        long bid = nextBid.getAndIncrement();
        long item = 1 + r.nextLong(data.items());
        long amount = 100 + r.nextLong(30_000);
        ObjectNode body = JSON.createObjectNode().put("bidId", bid).put("itemId", item).put("userId", user)
                .put("amountCents", amount);
        Reply reply = exchange(session, kind, "POST", "/bids", body.toString(), "", bid, amount, false);
        if (reply.status() == 201 && r.nextDouble() < confirmProbability) {
            double delayS = Sampler.draw(workload.async().delay(), r);
            long at = System.nanoTime() + (long) (delayS * 1e9);
            schedule.add(new Due(at, () -> launch(() -> confirm(session, bid, amount, reply))));
        }
    }

    /** The confirmation, as the client-side code of the version that served the bid writes it. */
    private void confirm(long session, long bid, long amount, Reply placed) {
        String producer = placed.version();
        ObjectNode body = JSON.createObjectNode();
        boolean clientValidates = false;
        JsonNode rule = placed.json().path("rule");
        if (!rule.isMissingNode() && rule.has("minAmount")) {
            // v2's script: validate here, as the rule says, and tell the server the verdict.
            clientValidates = true;
            BigDecimal value = BigDecimal.valueOf(amount, 2);
            boolean valid = value.compareTo(new BigDecimal(rule.get("minAmount").asText())) >= 0;
            body.put("amount", value.toPlainString()).put("currency", rule.path("currency").asText("USD"))
                    .put("clientValidated", true).put("valid", valid);
        } else {
            // v1's script: send the amount back; the server validates.
            body.put("amountCents", amount);
        }
        exchange(session, RequestRecord.CONFIRM, "POST", "/bids/" + bid + "/confirm", body.toString(), producer, bid,
                amount, clientValidates);
    }

    private record Reply(int status, String version, JsonNode json) {
    }

    private Reply exchange(long session, String kind, String method, String path, String body, String producer,
                           long bid, long amount, boolean clientValidated) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(timeout);
        if (body == null) {
            b.GET();
        } else {
            b.POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json");
        }
        if (!producer.isEmpty()) {
            b.header(Ingress.PRODUCER_HEADER, producer);
        }
        // As a browser's session cookie: what keeps a session on one version under a canary's split.
        b.header(Ingress.SESSION_HEADER, Long.toString(session));
        long id = ids.incrementAndGet();
        if (body == null) {
            for (Consumer<SentRead> tap : readTaps) {
                tap.accept(new SentRead(id, path));
            }
        }
        long sent = System.nanoTime();
        int status;
        String version = "";
        String node = "";
        String refused = "";
        boolean planned = false;
        String error = "";
        JsonNode json = JSON.missingNode();
        try {
            HttpResponse<String> resp = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
            status = resp.statusCode();
            version = resp.headers().firstValue("X-Bidding-Version")
                    .orElse(resp.headers().firstValue(Ingress.VERSION_HEADER).orElse(""));
            node = resp.headers().firstValue(Ingress.NODE_HEADER).orElse("");
            refused = resp.headers().firstValue(Ingress.REFUSED_HEADER).orElse("");
            planned = Boolean.parseBoolean(resp.headers().firstValue(Ingress.PLANNED_HEADER).orElse("false"));
            try {
                json = JSON.readTree(resp.body());
            } catch (IOException e) {
                json = JSON.missingNode();
            }
            if (status >= 300) {
                error = json.path("error").asText("HTTP " + status);
            }
        } catch (HttpTimeoutException e) {
            status = -1;
            error = "timeout";
        } catch (IOException e) {
            status = 0;
            error = e.getClass().getSimpleName();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            status = 0;
            error = "interrupted";
        }
        long end = System.nanoTime();
        int validations = -1;
        boolean confirmed = false;
        if (kind.equals(RequestRecord.CONFIRM) && status == 200) {
            confirmed = json.path("confirmed").asBoolean(false);
            validations = (clientValidated ? 1 : 0) + (json.path("serverValidated").asBoolean(false) ? 1 : 0);
        }
        records.add(new RequestRecord(id, session, kind, method, path, sent, end, status, version, node, refused,
                planned, bid, amount, producer, validations, confirmed, error));
        return new Reply(status, version, json);
    }

    // ------------------------------------------------------------------ control and results

    /** Stops sending: no new session, request or callback starts after this. */
    public void stop() {
        running = false;
        if (scheduler != null) {
            scheduler.interrupt();
        }
        schedule.clear();
    }

    /** Waits until every request already sent has its answer (at most {@code max}). */
    public void awaitIdle(Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (outstanding.get() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    /** Every record so far, by send time. */
    public List<RequestRecord> records() {
        List<RequestRecord> all = new ArrayList<>(records);
        all.sort(Comparator.comparingLong(RequestRecord::sendNanos).thenComparingLong(RequestRecord::id));
        return all;
    }

    /** Records that ended at or after {@code sinceNanos} (for the production monitor). */
    public List<RequestRecord> endedSince(long sinceNanos) {
        List<RequestRecord> out = new ArrayList<>();
        for (RequestRecord r : records) {
            if (r.endNanos() >= sinceNanos) {
                out.add(r);
            }
        }
        return out;
    }

    @Override
    public Tap tap(Consumer<SentRead> tap) {
        // A wrapper of its own, so that closing removes this tap even if the same consumer is open twice.
        Consumer<SentRead> own = tap::accept;
        readTaps.add(own);
        return () -> readTaps.remove(own);
    }

    public double confirmProbability() {
        return confirmProbability;
    }

    @Override
    public void close() {
        stop();
        threads.shutdownNow();
        client.shutdownNow();
    }
}
