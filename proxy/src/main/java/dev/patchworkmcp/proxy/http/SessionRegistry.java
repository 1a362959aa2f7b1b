package dev.patchworkmcp.proxy.http;

import dev.patchworkmcp.proxy.relay.ProxySessionFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The live HTTP client sessions by id. Opens one relay session per client session through the
 * {@link ProxySessionFactory} (so one upstream child per session for stdio upstreams), and closes sessions that
 * stayed idle longer than the configured timeout, which stops their upstream. Thread-safe.
 */
final class SessionRegistry implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(SessionRegistry.class.getName());

    private final Map<String, ClientSession> sessions = new ConcurrentHashMap<>();
    private final ProxySessionFactory factory;
    private final Duration idleTimeout;
    private final ScheduledExecutorService sweeper;

    SessionRegistry(ProxySessionFactory factory, Duration idleTimeout) {
        this.factory = factory;
        this.idleTimeout = idleTimeout;
        this.sweeper = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("http-session-expiry").daemon(true).factory());
        long period = Math.clamp(idleTimeout.toMillis() / 4, 50, 30_000);
        sweeper.scheduleWithFixedDelay(this::expireIdle, period, period, TimeUnit.MILLISECONDS);
    }

    /**
     * Creates a session with a fresh unguessable id and opens its relay session.
     *
     * @throws UpstreamUnavailableException when the relay session cannot be opened (e.g. the upstream will not
     *     start)
     */
    ClientSession open(Outbound outbound) {
        String id = UUID.randomUUID().toString();
        ClientSession session = new ClientSession(id, outbound, ended -> sessions.remove(ended.id(), ended));
        sessions.put(id, session);
        try {
            session.attach(factory.open(session, id));
        } catch (RuntimeException e) {
            session.end(null);
            throw new UpstreamUnavailableException(
                    "could not open the upstream for a new session: " + e.getMessage(), e);
        }
        LOG.log(System.Logger.Level.DEBUG, "session {0} opened", id);
        return session;
    }

    /** The live session with this id, or null. */
    ClientSession find(String id) {
        return id == null ? null : sessions.get(id);
    }

    int size() {
        return sessions.size();
    }

    private void expireIdle() {
        long now = System.nanoTime();
        for (ClientSession session : List.copyOf(sessions.values())) {
            if (session.idleFor(idleTimeout.toNanos(), now)) {
                LOG.log(System.Logger.Level.INFO, "session {0} idle for {1}: closing it", session.id(), idleTimeout);
                session.end("the HTTP session was idle for " + idleTimeout + " and expired");
            }
        }
    }

    /** Ends every session (stopping their upstreams) and the expiry timer. */
    @Override
    public void close() {
        sweeper.shutdownNow();
        for (ClientSession session : List.copyOf(sessions.values())) {
            session.end("the proxy's HTTP server is shutting down");
        }
    }
}
