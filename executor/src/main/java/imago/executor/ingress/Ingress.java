package imago.executor.ingress;

import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.proxy.ProxyHandler;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;

/**
 * The ingress: a Jetty 12 reverse proxy on loopback in front of the application nodes, with an
 * atomic switch. Every response carries the version and node that served it; a request the ingress
 * refuses itself carries the reason and whether the plan meant it (planned unavailability).
 *
 * <p>The switch holds new requests at a gate, waits for the admitted ones to finish, runs the
 * final action (the last sync) with no request in flight, flips the routing table, and opens the
 * gate: no request ever sees a half-switched system.
 */
public final class Ingress implements AutoCloseable {

    public static final String VERSION_HEADER = "X-Imago-Version";
    public static final String NODE_HEADER = "X-Imago-Node";
    public static final String REFUSED_HEADER = "X-Imago-Refused";
    public static final String PLANNED_HEADER = "X-Imago-Planned";
    /** Sent by client-side code with a callback: the version whose page issued it. */
    public static final String PRODUCER_HEADER = "X-Imago-Producer";
    /** The client session a request belongs to: what a canary's split keeps on one version. */
    public static final String SESSION_HEADER = "X-Imago-Session";
    private static final String TARGET = "imago.target";
    private static final String BACKEND = "imago.backend";

    /** A routing table and when it took effect ({@link System#nanoTime()}). */
    public record Change(long nanos, Routing routing) {
    }

    /** When the gate was closed and opened again ({@link System#nanoTime()}). */
    public record Hold(long fromNanos, long toNanos) {
    }

    /**
     * One request a backend served (or failed), as the ingress saw it: the live request log a
     * canary's analysis reads, as Argo reads its traffic router's metrics.
     *
     * @param endNanos     when the answer went back ({@link System#nanoTime()})
     * @param backend      the backend's id ({@link Backend#id()})
     * @param version      the version it runs
     * @param status       the HTTP status sent back (502/504 when the backend failed or timed out),
     *                     0 when the exchange broke off
     * @param latencyNanos from routing the request to its answer
     */
    public record Served(long endNanos, String backend, String version, int status, long latencyNanos) {
        /** A server-side failure: the backend's own 5xx, the ingress's 502/504, or a broken exchange. */
        public boolean failed() {
            return status == 0 || status >= 500;
        }
    }

    /** Runs while the gate is closed and nothing is in flight; may fail. */
    @FunctionalInterface
    public interface HeldAction {
        void run() throws Exception;
    }

    private final Server server;
    private final ServerConnector connector;
    private final AtomicReference<Routing> routing;
    private final List<Change> changes = Collections.synchronizedList(new ArrayList<>());
    private final List<Hold> holds = Collections.synchronizedList(new ArrayList<>());
    private final ConcurrentHashMap<String, AtomicInteger> inflight = new ConcurrentHashMap<>();
    private final AtomicLong roundRobin = new AtomicLong();
    private final AtomicLong lastStickyUse = new AtomicLong();
    /** Which side of a canary's split each session was first sent to (true: the new version). */
    private final ConcurrentHashMap<String, Boolean> sessionSides = new ConcurrentHashMap<>();
    private final AtomicLong sessionless = new AtomicLong();
    private final java.util.concurrent.ConcurrentLinkedQueue<Served> served = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final ReentrantLock gate = new ReentrantLock();
    private final Condition opened = gate.newCondition();
    private final Condition idle = gate.newCondition();
    private boolean held;
    private int admitted;
    private final Duration maxHoldWait;

    private Ingress(Routing initial, Duration backendTimeout, Duration maxHoldWait) {
        this.maxHoldWait = maxHoldWait;
        this.routing = new AtomicReference<>(initial);
        changes.add(new Change(System.nanoTime(), initial));
        QueuedThreadPool threads = new QueuedThreadPool(256, 8);
        threads.setName("ingress");
        // Requests held at the gate block their thread: virtual threads make that cheap.
        threads.setVirtualThreadsExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server = new Server(threads);
        connector = new ServerConnector(server, 1, 1);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        HttpClient client = new HttpClient();
        client.setConnectTimeout(1000);
        client.setIdleTimeout(30_000);
        client.setMaxConnectionsPerDestination(256);
        Forwarder forwarder = new Forwarder(backendTimeout);
        forwarder.setHttpClient(client);
        server.setHandler(new Gatekeeper(forwarder));
    }

    /** Starts an ingress on a free loopback port. */
    public static Ingress start(Routing initial, Duration backendTimeout, Duration maxHoldWait) throws IOException {
        Ingress in = new Ingress(initial, backendTimeout, maxHoldWait);
        try {
            in.server.start();
        } catch (Exception e) {
            in.close();
            throw new IOException("the ingress did not start: " + e.getMessage(), e);
        }
        return in;
    }

    public int port() {
        return connector.getLocalPort();
    }

    public Routing routing() {
        return routing.get();
    }

    /** Replaces the routing table atomically. */
    public Routing update(UnaryOperator<Routing> change) {
        synchronized (changes) {
            Routing next = routing.updateAndGet(change);
            changes.add(new Change(System.nanoTime(), next));
            return next;
        }
    }

    public List<Change> changes() {
        synchronized (changes) {
            return List.copyOf(changes);
        }
    }

    public List<Hold> holds() {
        synchronized (holds) {
            return List.copyOf(holds);
        }
    }

    /**
     * Takes backends out of rotation and waits until their in-flight requests are done (at most
     * {@code max}). When that leaves no backend, {@code planned} says whether the plan meant it.
     */
    public void drain(Set<String> backendIds, boolean planned, Duration max) throws InterruptedException {
        update(r -> {
            Routing n = r;
            for (String id : backendIds) {
                n = n.minus(id);
            }
            return n.active().isEmpty() ? n.withPlannedOutage(planned) : n;
        });
        long deadline = System.nanoTime() + max.toNanos();
        while (System.nanoTime() < deadline && backendIds.stream().anyMatch(id -> inflight(id) > 0)) {
            Thread.sleep(10);
        }
    }

    public int inflight(String backendId) {
        AtomicInteger n = inflight.get(backendId);
        return n == null ? 0 : n.get();
    }

    /**
     * The atomic switch: hold new requests, drain the admitted ones (at most {@code drainMax}), run
     * {@code whileHeld}, flip the table with {@code flip}, release. Returns how long the gate was closed.
     */
    public Duration switchOver(UnaryOperator<Routing> flip, HeldAction whileHeld, Duration drainMax) throws Exception {
        long from = System.nanoTime();
        gate.lock();
        try {
            held = true;
            long wait = drainMax.toNanos();
            while (admitted > 0 && wait > 0) {
                wait = idle.awaitNanos(wait);
            }
        } finally {
            gate.unlock();
        }
        try {
            whileHeld.run();
            update(flip);
        } finally {
            gate.lock();
            try {
                held = false;
                opened.signalAll();
            } finally {
                gate.unlock();
            }
            long to = System.nanoTime();
            holds.add(new Hold(from, to));
        }
        return Duration.ofNanos(System.nanoTime() - from);
    }

    /** The requests backends served (or failed) that ended at or after {@code sinceNanos}, in the order they ended. */
    public List<Served> servedSince(long sinceNanos) {
        List<Served> out = new ArrayList<>();
        for (Served r : served) {
            if (r.endNanos() >= sinceNanos) {
                out.add(r);
            }
        }
        return out;
    }

    /** When a callback last went the sticky way ({@link System#nanoTime()}; 0 if never). */
    public long lastStickyUse() {
        return lastStickyUse.get();
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            // stopping anyway: the connector is closed by stop() before anything can fail
        }
    }

    // ------------------------------------------------------------------ the gate

    private boolean admit() throws InterruptedException {
        gate.lock();
        try {
            long wait = maxHoldWait.toNanos();
            while (held) {
                if (wait <= 0) {
                    return false;
                }
                wait = opened.awaitNanos(wait);
            }
            admitted++;
            return true;
        } finally {
            gate.unlock();
        }
    }

    private void release() {
        gate.lock();
        try {
            admitted--;
            if (admitted == 0) {
                idle.signalAll();
            }
        } finally {
            gate.unlock();
        }
    }

    private AtomicInteger counter(Backend b) {
        return inflight.computeIfAbsent(b.id(), k -> new AtomicInteger());
    }

    private static boolean isCallback(Request request) {
        return request.getHeaders().get(PRODUCER_HEADER) != null;
    }

    /** Picks a backend; counts it in flight before checking it is still routable (drain-safe). */
    private Backend pick(Request request) {
        for (int attempt = 0; attempt < 4; attempt++) {
            Routing r = routing.get();
            List<Backend> pool = r.active();
            boolean sticky = false;
            if (r.sticky().isPresent() && isCallback(request)
                    && r.sticky().get().version().equals(request.getHeaders().get(PRODUCER_HEADER))
                    && !r.sticky().get().backends().isEmpty()) {
                pool = r.sticky().get().backends();
                sticky = true;
            } else if (r.split().isPresent()) {
                pool = r.side(toNew(r.split().get(), request));
            }
            if (pool.isEmpty()) {
                return null;
            }
            Backend b = pool.get((int) Math.floorMod(roundRobin.getAndIncrement(), (long) pool.size()));
            counter(b).incrementAndGet();
            Routing now = routing.get();
            boolean still = sticky ? now.sticky().map(s -> s.backends().contains(b)).orElse(false) : now.active().contains(b);
            if (still) {
                if (sticky) {
                    lastStickyUse.set(System.nanoTime());
                }
                return b;
            }
            counter(b).decrementAndGet();
        }
        return null;
    }

    /**
     * Which side of the split a request goes to: its session's side, drawn when the session is
     * first seen and kept from then on; at weight 0 and 100 everything goes to one side (an abort,
     * a promotion), and sessions first seen then are kept on that side. A request without a session
     * is drawn on its own.
     */
    private boolean toNew(Routing.Split split, Request request) {
        String session = request.getHeaders().get(SESSION_HEADER);
        if (session == null) {
            return split.sendsToNew("request-" + sessionless.incrementAndGet());
        }
        boolean side = sessionSides.computeIfAbsent(session, split::sendsToNew);
        return split.weight() == 0 || split.weight() == 100 ? split.weight() == 100 : side;
    }

    private static void refuse(Response response, Callback callback, String reason, boolean planned) {
        response.setStatus(503);
        response.getHeaders().put(REFUSED_HEADER, reason);
        response.getHeaders().put(PLANNED_HEADER, Boolean.toString(planned));
        response.getHeaders().put("Content-Type", "application/json");
        byte[] body = ("{\"error\":\"" + reason + "\"}").getBytes(StandardCharsets.UTF_8);
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    /** Admission, routing and accounting in front of the proxy. */
    private final class Gatekeeper extends Handler.Wrapper {

        Gatekeeper(Handler proxy) {
            super(proxy);
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            if (!admit()) {
                refuse(response, callback, "switch-hold", true);
                return true;
            }
            boolean handedOver = false;
            try {
                Routing r = routing.get();
                boolean write = !request.getMethod().equals("GET") && !request.getMethod().equals("HEAD");
                if (r.readOnly() && write) {
                    refuse(response, callback, "read-only", true);
                    return true;
                }
                Backend b = pick(request);
                if (b == null) {
                    refuse(response, callback, "no-backend", routing.get().plannedOutage());
                    return true;
                }
                response.getHeaders().put(VERSION_HEADER, b.version());
                response.getHeaders().put(NODE_HEADER, b.id());
                request.setAttribute(BACKEND, b);
                request.setAttribute(TARGET, HttpURI.build("http://127.0.0.1:" + b.port() + request.getHttpURI().getPathQuery()));
                AtomicInteger n = counter(b);
                long routed = System.nanoTime();
                Callback done = new Callback() {
                    @Override
                    public void succeeded() {
                        log(b, response.getStatus(), routed);
                        n.decrementAndGet();
                        release();
                        callback.succeeded();
                    }

                    @Override
                    public void failed(Throwable x) {
                        log(b, 0, routed);
                        n.decrementAndGet();
                        release();
                        callback.failed(x);
                    }
                };
                handedOver = true;
                return super.handle(request, response, done);
            } finally {
                if (!handedOver) {
                    release();
                }
            }
        }
    }

    private void log(Backend b, int status, long routed) {
        long now = System.nanoTime();
        served.add(new Served(now, b.id(), b.version(), status, now - routed));
    }

    /** Jetty's reverse proxy, sending each request where the gatekeeper decided, with a timeout. */
    private static final class Forwarder extends ProxyHandler.Reverse {
        private final Duration timeout;

        Forwarder(Duration timeout) {
            super(request -> (HttpURI) request.getAttribute(TARGET));
            this.timeout = timeout;
        }

        @Override
        protected org.eclipse.jetty.client.Request newProxyToServerRequest(Request clientToProxyRequest, HttpURI newHttpURI) {
            return super.newProxyToServerRequest(clientToProxyRequest, newHttpURI)
                    .timeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }

        /** A backend that failed or timed out: 502/504, still tagged with the node that failed. */
        @Override
        protected void onServerToProxyResponseFailure(Request clientToProxyRequest,
                                                      org.eclipse.jetty.client.Request proxyToServerRequest,
                                                      org.eclipse.jetty.client.Response serverToProxyResponse,
                                                      Response proxyToClientResponse, Callback proxyToClientCallback,
                                                      Throwable failure) {
            if (proxyToClientResponse.isCommitted()) {
                proxyToClientCallback.failed(failure);
                return;
            }
            proxyToClientResponse.reset();
            proxyToClientResponse.setStatus(failure instanceof java.util.concurrent.TimeoutException ? 504 : 502);
            if (clientToProxyRequest.getAttribute(BACKEND) instanceof Backend b) {
                proxyToClientResponse.getHeaders().put(VERSION_HEADER, b.version());
                proxyToClientResponse.getHeaders().put(NODE_HEADER, b.id());
            }
            proxyToClientResponse.getHeaders().put("Content-Type", "application/json");
            byte[] body = ("{\"error\":\"backend failed: " + failure.getClass().getSimpleName() + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            proxyToClientResponse.write(true, ByteBuffer.wrap(body), proxyToClientCallback);
        }
    }
}
