package dev.patchworkmcp.proxy.http;

import dev.patchworkmcp.proxy.relay.ProxySessionFactory;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The live HTTP clients, each holding one relay session (so one upstream child for a stdio upstream): the
 * sessions of clients before revision 2026-07-28, by {@code Mcp-Session-Id}, and the stateless lanes of newer
 * clients, one per client identity ({@code clientInfo} name and version, see {@link #lane}). Sessions and lanes
 * idle longer than the configured time are closed, which stops their upstream. At most {@code maxChildren} exist
 * at once: a new one first closes the least recently active one that has no response open, else the least recently
 * active one that only has a stream open (a GET stream or a subscription, no request in flight); when every one has
 * a request in flight the new client is refused ({@link SessionLimitException}). Thread-safe.
 */
final class SessionRegistry implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(SessionRegistry.class.getName());

    private final Map<String, ClientSession> sessions = new ConcurrentHashMap<>();
    private final Map<String, ClientSession> lanes = new ConcurrentHashMap<>();
    private final ProxySessionFactory factory;
    private final Duration idleTimeout;
    private final int maxChildren;
    private final ScheduledExecutorService sweeper;

    private SessionRegistry(ProxySessionFactory factory, Duration idleTimeout, int maxChildren) {
        this.factory = factory;
        this.idleTimeout = idleTimeout;
        this.maxChildren = maxChildren;
        this.sweeper = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("http-session-expiry").daemon(true).factory());
    }

    /** A registry whose idle sessions are swept from now on, a few times per {@code idleTimeout}. */
    static SessionRegistry start(ProxySessionFactory factory, Duration idleTimeout, int maxChildren) {
        SessionRegistry registry = new SessionRegistry(factory, idleTimeout, maxChildren);
        long period = Math.clamp(idleTimeout.toMillis() / 4, 50, 30_000);
        registry.sweeper.scheduleWithFixedDelay(registry::expireIdle, period, period, TimeUnit.MILLISECONDS);
        return registry;
    }

    /**
     * Creates a session with a fresh unguessable id and opens its relay session.
     *
     * @throws UpstreamUnavailableException when the relay session cannot be opened (e.g. the upstream will not
     *     start)
     * @throws SessionLimitException when {@code maxChildren} clients are busy
     */
    ClientSession open(Outbound outbound) {
        String id = UUID.randomUUID().toString();
        ClientSession session;
        synchronized (this) {
            makeRoom();
            session = new ClientSession(id, outbound, ended -> sessions.remove(ended.id(), ended));
            sessions.put(id, session);
        }
        attach(session, id);
        LOG.log(System.Logger.Level.DEBUG, "session {0} opened", id);
        return session;
    }

    /**
     * The lane of one client identity for stateless requests, opened on first use, and opened again when its
     * upstream has exited. Its relay session is shared by every request giving that identity, so reports of those
     * requests carry the lane's id and its recent calls.
     *
     * @param router makes the router of a new lane
     * @throws UpstreamUnavailableException when the relay session cannot be opened
     * @throws SessionLimitException when {@code maxChildren} clients are busy
     */
    ClientSession lane(String identity, Supplier<Outbound> router) {
        ClientSession existing = lanes.get(identity);
        if (existing != null && !existing.ended() && existing.upstreamRunning()) {
            return existing;
        }
        ClientSession lane;
        synchronized (this) {
            existing = lanes.get(identity);
            if (existing != null && !existing.ended()) {
                if (existing.upstreamRunning()) {
                    return existing;
                }
                // Its upstream exited: a stateless client has no session to restart, so the next request does.
                LOG.log(
                        System.Logger.Level.INFO,
                        "the upstream of client \"{0}\" has gone; starting a new one",
                        identity);
                lanes.remove(identity, existing);
                ClientSession gone = existing;
                Thread.ofVirtual().start(() -> gone.end("its upstream exited"));
            }
            makeRoom();
            lane = new ClientSession(
                    UUID.randomUUID().toString(), router.get(), ended -> lanes.remove(identity, ended));
            lanes.put(identity, lane);
        }
        attach(lane, lane.id());
        LOG.log(System.Logger.Level.DEBUG, "lane {0} opened for client \"{1}\"", lane.id(), identity);
        return lane;
    }

    /** The lane of this identity if one is open, else null. */
    ClientSession findLane(String identity) {
        return lanes.get(identity);
    }

    private void attach(ClientSession session, String id) {
        try {
            session.attach(factory.open(session, id));
        } catch (RuntimeException e) {
            session.end(null);
            throw new UpstreamUnavailableException(
                    "could not open the upstream for a new client: " + e.getMessage(), e);
        }
    }

    /**
     * Under the lock, while the bound is reached: closes a client with no request in flight, a quiet one first, then
     * one only waiting on a stream; the least recently active of them.
     */
    private void makeRoom() {
        while (size() >= maxChildren) {
            ClientSession victim = all().filter(session -> !session.working())
                    .min(Comparator.comparing((ClientSession session) -> !session.quiet())
                            .thenComparingLong(ClientSession::lastActivityNanos))
                    .orElseThrow(() -> new SessionLimitException("the proxy already serves " + maxChildren
                            + " HTTP clients, each with its own upstream, and every one has a request in flight;"
                            + " retry shortly, or start the proxy with a larger --max-children"));
            LOG.log(
                    System.Logger.Level.INFO,
                    "closing the least recently active client {0} to make room (--max-children {1})",
                    victim.id(),
                    maxChildren);
            sessions.remove(victim.id(), victim);
            lanes.values().remove(victim);
            // Stopping an upstream can take a moment; the new client need not wait for it.
            Thread.ofVirtual()
                    .start(() -> victim.end("the proxy closed this idle client to make room for another"
                            + " (--max-children " + maxChildren + ")"));
        }
    }

    /** The live session with this id, or null. */
    ClientSession find(String id) {
        return id == null ? null : sessions.get(id);
    }

    /** Live sessions and lanes, each holding one upstream. */
    int size() {
        return sessions.size() + lanes.size();
    }

    int busyCount() {
        return (int) all().filter(ClientSession::working).count();
    }

    private Stream<ClientSession> all() {
        return Stream.concat(sessions.values().stream(), lanes.values().stream());
    }

    private void expireIdle() {
        long now = System.nanoTime();
        for (ClientSession session : all().toList()) {
            if (session.idleFor(idleTimeout.toNanos(), now)) {
                LOG.log(System.Logger.Level.INFO, "client {0} idle for {1}: closing it", session.id(), idleTimeout);
                session.end("the HTTP client was idle for " + idleTimeout + " and expired");
            }
        }
    }

    /** Ends every session and lane (stopping their upstreams) and the expiry timer. */
    @Override
    public void close() {
        sweeper.shutdownNow();
        for (ClientSession session : List.copyOf(all().toList())) {
            session.end("the proxy's HTTP server is shutting down");
        }
    }
}
